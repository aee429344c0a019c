using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// The information-request cycle as people do it: Kenya's focal point downloads the template, sends it back with one
/// error, sees the error with its cell, fixes it and sends it; the Secretariat asks for clarification; the focal point
/// answers with a new upload, confirming that it replaces the answer asked about; the Secretariat validates, which
/// proposes a draft, and publishes it; the case then appears in public search.
/// </summary>
[Collection(BrowserFlows.Name)]
public sealed class InformationRequestFlowTests(BrowserApp app)
{
    private const string Title = "Browser round: bribes for a Nairobi road contract held in Jersey trusts";

    [Fact]
    public async Task Focal_point_answers_with_Excel_and_the_Secretariat_validates()
    {
        var focal = await SignInAsync(BrowserApp.KenyaFocalEmail, BrowserApp.KenyaFocalPassword);
        await focal.GetByRole(AriaRole.Link, new() { Name = "Information requests" }).First.ClickAsync();
        await focal.GetByRole(AriaRole.Link, new() { Name = "Collection of information on international asset recovery cases, 2020" }).ClickAsync();
        var download = await focal.RunAndWaitForDownloadAsync(() => focal.GetByRole(AriaRole.Link, new() { Name = "Download (Excel)" }).ClickAsync());
        var template = await File.ReadAllBytesAsync((await download.PathAsync())!);

        await UploadAsync(focal, Fill(template, "a lot"));
        var errors = focal.Locator("#workbook-errors");
        await Expect(errors).ToBeVisibleAsync();
        await Expect(errors).ToContainTextAsync("'a lot' is not a number.");
        await Expect(errors.Locator("td.code")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Measures!D[0-9]+"));

        await UploadAsync(focal, Fill(template, "1800000"));
        await Expect(focal.GetByRole(AriaRole.Status)).ToContainTextAsync("received");
        await focal.GetByRole(AriaRole.Link, new() { Name = "See the answer" }).First.ClickAsync();
        var submissionUrl = focal.Url;

        var secretariat = await SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        await secretariat.GotoAsync(submissionUrl);
        // Every row is named by its cell, and the question is asked by clicking the row: no sheet name or row to type.
        await Expect(secretariat.Locator("table.submitted-measures td.code").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Measures!D[0-9]+$"));
        await secretariat.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Ask for clarification \(Measures!D[0-9]+\)$") }).Last.ClickAsync();
        await Expect(secretariat.Locator("#clarify legend")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("about Measures!D[0-9]+"));
        await secretariat.GetByLabel("Question", new() { Exact = true }).FillAsync("Is the amount in Kenyan shillings or in US dollars?");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Send the question" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("Your question has been sent.");
        await Expect(secretariat.Locator(".badge").First).ToHaveTextAsync("Clarification requested");

        await focal.GotoAsync(submissionUrl);
        await Expect(focal.GetByText("Is the amount in Kenyan shillings or in US dollars?")).ToBeVisibleAsync();
        await focal.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Answer the questions") }).ClickAsync();

        // The corrected workbook supersedes the answer asked about: the page first lists that answer and stores nothing
        // until the focal point ticks the box and sends the file again.
        var corrected = Fill(template, "1800000", "Amount in US dollars.");
        await UploadAsync(focal, corrected);
        var confirmation = focal.Locator("#replace-confirmation");
        await Expect(confirmation).ToBeVisibleAsync();
        await Expect(confirmation).ToContainTextAsync("Replace the earlier answer?");
        await Expect(confirmation).ToContainTextAsync("Clarification requested");
        await Expect(confirmation).ToContainTextAsync("Excel workbook (kenya-answer.xlsx)");
        await Expect(focal.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await focal.GetByLabel(new System.Text.RegularExpressions.Regex("Replace answer [0-9]+ of Kenya with this file")).CheckAsync();
        await UploadAsync(focal, corrected);
        await Expect(focal.GetByRole(AriaRole.Status)).ToContainTextAsync("received");
        await focal.GetByRole(AriaRole.Link, new() { Name = "See the answer" }).First.ClickAsync();

        await secretariat.GotoAsync(focal.Url);
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Validate and add to the database" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("The answer is validated");
        await Expect(secretariat.Locator(".badge").First).ToHaveTextAsync("Validated");

        // Validation proposed a draft: the public does not see it until the Secretariat has read it and published it.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/cases?culture=en&q=" + Uri.EscapeDataString("Nairobi road contract"));
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = Title })).ToHaveCountAsync(0);
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "Adds it" }).ClickAsync();
        await Expect(secretariat.Locator("#publish-heading")).ToHaveTextAsync("Draft: not yet public");
        await Expect(secretariat.Locator("p.summary")).ToContainTextAsync("Reported by Kenya");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Publish the case" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("The case is published");

        await visitor.GotoAsync("/cases?culture=en&q=" + Uri.EscapeDataString("Nairobi road contract"));
        await visitor.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Expect(visitor.Locator("ol.timeline")).ToContainTextAsync("USD\u00A01,800,000");
        await Expect(visitor.Locator("ol.timeline")).ToContainTextAsync("reported by Kenya");
    }

    private async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login?culture=en");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    private static async Task UploadAsync(IPage page, byte[] workbook)
    {
        await page.GetByLabel("Workbook (.xlsx)").SetInputFilesAsync(new FilePayload
        {
            Name = "kenya-answer.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = workbook,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
    }

    /// <summary>What the focal point types into the workbook: one new case and its freezing, under the rows already there.</summary>
    private static byte[] Fill(byte[] template, string amount, string? note = null)
    {
        var stream = new MemoryStream();
        stream.Write(template);
        using (var book = SpreadsheetDocument.Open(stream, true))
        {
            Append(book, "Cases", [null, "KE-2019-4", Title, "GBR", "Requesting", "Art15;Art23", "Art54_2", "Bribes paid for a road contract, held through trusts."]);
            Append(book, "Measures", ["KE-2019-4", "Frozen", "BankFunds", amount, "USD", "2019-05", note, null]);
        }

        return stream.ToArray();
    }

    private static void Append(SpreadsheetDocument book, string sheetName, string?[] values)
    {
        var sheet = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var data = ((WorksheetPart)book.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
        var next = (data.Elements<Row>().LastOrDefault()?.RowIndex?.Value ?? 0) + 1;
        var row = new Row { RowIndex = next };
        for (var c = 0; c < values.Length; c++)
        {
            if (values[c] is { } text)
            {
                row.Append(new Cell { CellReference = ((char)('A' + c)) + next.ToString(CultureInfo.InvariantCulture), DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
            }
        }

        data.Append(row);
    }
}
