using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Collection;
using RecoveryWatch.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Collection;

/// <summary>The information-request cycle through the API, on each database: template, upload, errors with their cells,
/// review, validation into the case database with provenance, and the next round's template pre-filled.</summary>
public abstract class CollectionTests(RecoveryWatchApp app)
{
    private const string FocalPassword = "Focal-point-password-2026";

    private async Task<int> RoundAsync(string code, params string[] states)
    {
        using var admin = await app.SecretariatClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/rounds", new { code, title = "Collection " + code, mandate = "resolution 8/9", periodFrom = "2010-01-01", periodTo = "2020-06-30", deadline = "2030-06-30T00:00:00Z", states });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<HttpClient> FocalPointAsync(string state)
    {
        var email = $"focal.{state.ToLowerInvariant()}@collection.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByEmailAsync(email) is null)
            {
                await scope.ServiceProvider.GetRequiredService<ManageUsers>().CreateAsync(new SaveUserRequest { Email = email, Role = Roles.FocalPoint, States = [state] }, FocalPassword, "test");
            }
        }

        return await app.BearerClientAsync(email, FocalPassword);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int round, string state, byte[] file, string name = "answer.xlsx")
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(SubmissionTemplate.ContentType);
        content.Add(part, "file", name);
        return await client.PostAsync($"/api/v1/rounds/{round}/submissions/{state}", content);
    }

    private async Task<int> SubmissionCountAsync()
    {
        var count = 0;
        await app.WithDbAsync(async db => count = await db.Submissions.CountAsync());
        return count;
    }

    [Fact]
    public async Task An_Arabic_template_reads_right_to_left_and_an_English_one_does_not()
    {
        var round = await RoundAsync("RTL-" + app.Kind, "EGY");
        using var focal = await FocalPointAsync("EGY");
        foreach (var (lang, rtl) in new[] { ("ar", true), ("en", false) })
        {
            var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=EGY&lang={lang}");
            using var book = SpreadsheetDocument.Open(new MemoryStream(template), false);
            foreach (var part in book.WorkbookPart!.WorksheetParts)
            {
                var views = part.Worksheet.Descendants<SheetView>().ToList();
                Assert.Equal(rtl, views.Count > 0 && views.All(v => v.RightToLeft?.Value == true));
            }
        }
    }

    [Fact]
    public async Task Round_trip_template_upload_validate_then_next_template_is_prefilled()
    {
        var round = await RoundAsync("RT-" + app.Kind, "NGA", "CHE");
        using var focal = await FocalPointAsync("NGA");
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=NGA&lang=fr");
        using (var book = SpreadsheetDocument.Open(new MemoryStream(template), false))
        {
            var names = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal(["Instructions", "Cases", "Measures", "Victims", "ThirdParties", "Challenges", "GoodPractices", "AssistanceNeeds", "LegalFramework", "Lists"], names);
            var cases = (WorksheetPart)book.WorkbookPart.GetPartById(book.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Cases").Id!);
            Assert.NotNull(cases.Worksheet.GetFirstChild<SheetProtection>());
            Assert.Contains(cases.Worksheet.Descendants<DataValidation>(), v => v.SequenceOfReferences!.InnerText!.StartsWith("D3", StringComparison.Ordinal));
            Assert.Contains("Titre", cases.Worksheet.InnerText, StringComparison.Ordinal);
        }

        var title = $"Round trip case {app.Kind}: pension funds in Geneva";
        var filled = WorkbookFiller.Fill(template,
            [[null, "NG-1", title, "CHE", "Requesting", "Art17;Art23", "Art54_2", "Reported by Nigeria."]],
            [["NG-1", "Frozen", "BankFunds", "4500000", "CHF", "2016-03", null, null], ["NG-1", "Confiscated", "BankFunds", "4000000", "CHF", "2019", null, null]],
            book =>
            {
                WorkbookFiller.AppendRows(book, "Victims", [["NG-1", "State", "The federal pension fund", "4000000", null, "CHF"]]);
                WorkbookFiller.AppendRows(book, "Challenges", [["NG-1", "DifferingStandardsOfProof", "Conviction required in Nigeria, not in Switzerland"]]);
                WorkbookFiller.AppendRows(book, "GoodPractices", [["Spontaneous disclosure under article 56 opened the case."]]);
                WorkbookFiller.AppendRows(book, "AssistanceNeeds", [["AssetTracing", "Training", "High", "Training on financial investigations for prosecutors."]]);
            });
        var uploaded = await UploadAsync(focal, round, "NGA", filled);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var submission = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var view = await focal.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{submission}");
        Assert.Equal("new", view.GetProperty("cases")[0].GetProperty("change").GetString());
        using var secretariat = await app.SecretariatClientAsync();
        var validated = await secretariat.PostAsync($"/api/v1/submissions/{submission}/validate", null);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        var caseId = (await validated.Content.ReadFromJsonAsync<JsonElement>())[0].GetInt32();
        // Validation proposes a draft: the public sees the case only once the Secretariat publishes it.
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync($"/api/v1/cases/{caseId}/publish", null)).StatusCode);

        var found = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cases?q=" + Uri.EscapeDataString("round trip case " + app.Kind.ToString().ToLowerInvariant()));
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        var detail = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        var measures = detail.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal([4_500_000m, 4_000_000m], measures.Select(m => m.GetProperty("amount").GetDecimal()));
        Assert.All(measures, m => Assert.Equal("NGA", m.GetProperty("reportedBy").GetString()));
        Assert.Equal("Measures!D3", measures[0].GetProperty("sourceCell").GetString());
        Assert.Contains(detail.GetProperty("sources").EnumerateArray(), s => s.GetProperty("state").GetString() == "NGA");
        Assert.Equal("DifferingStandardsOfProof", detail.GetProperty("challenges")[0].GetProperty("code").GetString());
        Assert.Equal(0, detail.GetProperty("victims").GetArrayLength());
        var restricted = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        Assert.Equal("The federal pension fund", restricted.GetProperty("victims")[0].GetProperty("description").GetString());
        var reviewed = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{submission}");
        Assert.Contains(reviewed.GetProperty("details").EnumerateArray(), d => d.GetProperty("sheet").GetString() == "AssistanceNeeds");
        // The need became a need of Nigeria, restricted to the Secretariat and Nigeria's focal points, with its cell.
        var needs = await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/technical-assistance/needs?state=NGA&area=AssetTracing");
        var need = Assert.Single(needs.GetProperty("items").EnumerateArray(), n => n.GetProperty("submissionId").GetInt32() == submission);
        Assert.Equal("AssistanceNeeds!A3", need.GetProperty("sourceCell").GetString());
        Assert.Equal("Training", need.GetProperty("type").GetString());
        Assert.Equal("Secretariat", need.GetProperty("visibility").GetString());

        // The next round's template carries the case, keyed, so Nigeria updates rather than retypes it.
        var next = await RoundAsync("RT2-" + app.Kind, "NGA");
        var prefilled = await focal.GetByteArrayAsync($"/api/v1/rounds/{next}/template.xlsx?state=NGA&lang=en");
        using var second = SpreadsheetDocument.Open(new MemoryStream(prefilled), false);
        var rows = WorkbookFiller.Sheet(second, "Cases").Elements<Row>().Where(r => r.RowIndex! >= 3).Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Contains(rows, r => r[0] == caseId.ToString(System.Globalization.CultureInfo.InvariantCulture) && r[2] == title);
        var measureRows = WorkbookFiller.Sheet(second, "Measures").Elements<Row>().Count(r => r.RowIndex! >= 3);
        Assert.True(measureRows >= 2);

        // Resending the pre-filled workbook unchanged adds no figure twice.
        var resent = await UploadAsync(focal, next, "NGA", prefilled);
        Assert.Equal(HttpStatusCode.Created, resent.StatusCode);
        var again = (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var diff = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{again}");
        Assert.Contains(diff.GetProperty("measures").EnumerateArray(), m => m.GetProperty("alreadyStored").GetBoolean());
        await secretariat.PostAsync($"/api/v1/submissions/{again}/validate", null);
        var after = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        Assert.Equal(2, after.GetProperty("measures").GetArrayLength());
    }

    public static TheoryData<string, string, string> BadCells => new()
    {
        { "text-amount", "Measures!D3", "is not a number" },
        { "negative", "Measures!D3", "greater than zero" },
        { "currency", "Measures!E3", "ISO 4217" },
        { "stage", "Measures!B3", "not a known code" },
        { "state", "Cases!D3", "ISO 3166-1" },
        { "outside-period", "Measures!F3", "outside the period" },
        { "reference", "Measures!A3", "no case with this reference" },
        { "return", "Measures!H4", "exceed" },
        { "other-states-case", "Cases!A3", "not the key" },
        { "duplicate-reference", "Cases!B4", "already used in row 3" },
        { "own-state-as-counterpart", "Cases!D3", "your own State" },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public async Task Bad_cell_is_reported_with_sheet_row_and_column_and_nothing_is_stored(string kind, string cell, string message)
    {
        var round = await RoundAsync($"BAD-{kind}-{app.Kind}", "KEN");
        using var focal = await FocalPointAsync("KEN");
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=KEN&lang=en");
        // A key is only accepted for a case Kenya reports on; this one is between two other States.
        string? key = kind == "other-states-case" ? (await app.CreateCaseAsync(CaseBuilder.Case("Not Kenya's case").Between("ISL", "NZL"))).ToString(CultureInfo.InvariantCulture) : null;
        string?[] caseRow = [key, "X-9", "Bad cell case", kind switch { "state" => "ZZZ", "own-state-as-counterpart" => "KEN", _ => "CHE" }, "Requesting", "Art17", "", ""];
        List<string?[]> cases = kind == "duplicate-reference" ? [caseRow, [null, "X-9", "Same reference", "FRA", "Requesting", "Art17", "", ""]] : [caseRow];
        string?[] measure = ["X-9", kind == "stage" ? "Melted" : "Frozen", "BankFunds", kind switch { "text-amount" => "a lot", "negative" => "-100", _ => "100" },
            kind == "currency" ? "XYZ" : "USD", kind == "outside-period" ? "2023-01" : "2015", null, null];
        if (kind == "reference")
        {
            measure[0] = "X-404";
        }

        List<string?[]> measures = [measure];
        if (kind == "return")
        {
            measures = [["X-9", "Confiscated", "BankFunds", "100", "USD", "2015", null, null], ["X-9", "Returned", "BankFunds", "150", "USD", "2016", null, null]];
        }

        var before = await SubmissionCountAsync();
        var response = await UploadAsync(focal, round, "KEN", WorkbookFiller.Fill(template, cases, measures));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(cell, out var messages), problem.ToString());
        Assert.Contains(message, messages[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(problem.GetProperty("cells").EnumerateArray(), c => c.GetProperty("sheet").GetString() == cell.Split('!')[0]);
        Assert.Equal(before, await SubmissionCountAsync());
    }

    [Fact]
    public async Task Every_error_is_reported_at_once()
    {
        var round = await RoundAsync("ALL-" + app.Kind, "GHA");
        using var focal = await FocalPointAsync("GHA");
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=GHA");
        var file = WorkbookFiller.Fill(template, [[null, "X-1", "", "ZZZ", "Sideways", "Art99", "", ""]], [["X-1", "Frozen", "BankFunds", "-1", "XYZ", "20190", null, null]]);
        var problem = await (await UploadAsync(focal, round, "GHA", file)).Content.ReadFromJsonAsync<JsonElement>();
        var keys = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        var expected = new HashSet<string> { "Cases!C3", "Cases!D3", "Cases!E3", "Cases!F3", "Measures!D3", "Measures!E3", "Measures!F3" };
        Assert.True(expected.IsSubsetOf(keys), problem.ToString());
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "not-xlsx", "workbook" },
        { "renamed-zip", "workbook" },
        { "bomb", "workbook" },
        { "sheet-removed", "Measures" },
        { "columns-reordered", "Cases!C1" },
        { "formula", "Measures!D3" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_file_is_rejected_with_a_clear_message(string kind, string where)
    {
        var round = await RoundAsync($"FILE-{kind}-{app.Kind}", "ZAF");
        using var focal = await FocalPointAsync("ZAF");
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=ZAF");
        byte[] file = kind switch
        {
            "not-xlsx" => "name,amount\nx,1\n"u8.ToArray(),
            "renamed-zip" => Zip(("readme.txt", 100)),
            "bomb" => Zip(("xl/workbook.xml", 10), ("[Content_Types].xml", 10), ("xl/worksheets/sheet1.xml", 400L * 1024 * 1024)),
            "sheet-removed" => WorkbookFiller.Fill(template, [], [], book =>
            {
                var sheet = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Measures");
                book.WorkbookPart.DeletePart(book.WorkbookPart.GetPartById(sheet.Id!));
                sheet.Remove();
            }),
            "columns-reordered" => WorkbookFiller.Fill(template, [], [], book =>
            {
                var header = WorkbookFiller.Sheet(book, "Cases").Elements<Row>().First();
                var cells = header.Elements<Cell>().ToList();
                (cells[2].InlineString, cells[3].InlineString) = ((InlineString)cells[3].InlineString!.CloneNode(true), (InlineString)cells[2].InlineString!.CloneNode(true));
            }),
            _ => WorkbookFiller.Fill(template, [[null, "X-1", "Formula case", "CHE", "Requesting", "", "", ""]], [["X-1", "Frozen", "BankFunds", "100", "USD", "2015", null, null]], book =>
            {
                var row = WorkbookFiller.Sheet(book, "Measures").Elements<Row>().Single(r => r.RowIndex! == 3);
                var amount = row.Elements<Cell>().Single(c => c.CellReference == "D3");
                amount.CellFormula = new CellFormula("HYPERLINK(\"http://attacker.example\",100)");
            }),
        };
        var before = await SubmissionCountAsync();
        var response = await UploadAsync(focal, round, "ZAF", file);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(where, out var messages), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, await SubmissionCountAsync());
    }

    [Fact]
    public async Task Clarification_is_asked_answered_by_a_new_upload_and_then_validated()
    {
        var round = await RoundAsync("CLAR-" + app.Kind, "TUN");
        using var focal = await FocalPointAsync("TUN");
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=TUN");
        var first = WorkbookFiller.Fill(template, [[null, "X-1", "Clarified case " + app.Kind, "CHE", "Requesting", "", "", ""]], [["X-1", "Frozen", "BankFunds", "100", "USD", "2015", null, null]]);
        var id = (await (await UploadAsync(focal, round, "TUN", first)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var secretariat = await app.SecretariatClientAsync();
        var asked = await secretariat.PostAsJsonAsync($"/api/v1/submissions/{id}/clarification", new { comments = new[] { new { sheet = "Measures", row = 3, text = "Is the amount in thousands?" } } });
        Assert.Equal(HttpStatusCode.NoContent, asked.StatusCode);
        var seen = await focal.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}");
        Assert.Equal("ClarificationRequested", seen.GetProperty("status").GetString());
        Assert.Equal("Is the amount in thousands?", seen.GetProperty("comments")[0].GetProperty("text").GetString());
        var roundView = await focal.GetFromJsonAsync<JsonElement>($"/api/v1/rounds/{round}");
        Assert.Equal("ClarificationRequested", roundView.GetProperty("states")[0].GetProperty("status").GetString());

        // The answer to the questions supersedes the answer asked about: an explicit replacement, so without replace=true
        // it is refused and names the answer it would supersede.
        var answer = WorkbookFiller.Fill(template, [[null, "X-1", "Clarified case " + app.Kind, "CHE", "Requesting", "", "", ""]], [["X-1", "Frozen", "BankFunds", "100000", "USD", "2015", "Amount in full, not thousands.", null]]);
        var unconfirmed = await UploadAsync(focal, round, "TUN", answer);
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Contains($"answer {id} of", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var replacing = new MultipartFormDataContent { { new ByteArrayContent(answer), "file", "answer.xlsx" } };
        var second = (await (await focal.PostAsync($"/api/v1/rounds/{round}/submissions/TUN?replace=true", replacing)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var stale = await secretariat.PostAsync($"/api/v1/submissions/{id}/validate", null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("replaced by a newer one", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync($"/api/v1/submissions/{second}/validate", null)).StatusCode);
        var status = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/rounds/{round}");
        Assert.Equal("Validated", status.GetProperty("states")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_focal_point_acts_for_its_own_State_only()
    {
        var round = await RoundAsync("SCOPE-" + app.Kind, "NGA", "CHE");
        using var focal = await FocalPointAsync("NGA");
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.GetAsync($"/api/v1/rounds/{round}/template.xlsx?state=CHE")).StatusCode);
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state=NGA");
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(focal, round, "CHE", template)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await UploadAsync(app.CreateClient(), round, "NGA", template)).StatusCode);
        var mine = await focal.GetFromJsonAsync<JsonElement>($"/api/v1/rounds/{round}");
        Assert.Equal(["NGA"], mine.GetProperty("states").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Online_answer_is_saved_as_a_draft_then_submitted_through_the_same_checks()
    {
        var round = await RoundAsync("ONLINE-" + app.Kind, "SEN");
        await FocalPointAsync("SEN");
        using var form = FormClient.Create(app);
        await form.SignInAsync("focal.sen@collection.test", "Focal-point-password-2026");
        var path = $"/rounds/{round}/answer?state=SEN&culture=en";
        var fields = new Dictionary<string, string>
        {
            ["State"] = "SEN",
            ["Cases[0].reference"] = "SN-1",
            ["Cases[0].title"] = "Online case " + app.Kind + ": fishing licences bribes",
            ["Cases[0].counterpart_state"] = "ESP",
            ["Cases[0].role_of_your_state"] = "Requesting",
            ["Measures[0].case_reference"] = "SN-1",
            ["Measures[0].stage"] = "Frozen",
            ["Measures[0].asset_type"] = "RealEstate",
            ["Measures[0].amount"] = "twelve",
            ["Measures[0].currency"] = "EUR",
            ["Measures[0].date"] = "2018-10",
        };
        var saved = await form.PostFormAsync(path.Replace("?", "?handler=Save&", StringComparison.Ordinal), fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await form.Http.GetStringAsync(path);
        Assert.Contains("value=\"twelve\"", draft, StringComparison.Ordinal);
        var status = await (await app.SecretariatClientAsync()).GetFromJsonAsync<JsonElement>($"/api/v1/rounds/{round}");
        Assert.Equal("Draft", status.GetProperty("states")[0].GetProperty("status").GetString());

        var rejected = await form.PostFormAsync(path.Replace("?", "?handler=Submit&", StringComparison.Ordinal), fields);
        var html = await rejected.Content.ReadAsStringAsync();
        // The workbook's error (its cell, Measures!D3) is shown beside the form's field, and the summary links to it.
        Assert.Contains("<span class=\"field-error\" id=\"Measures-0-amount-error\">&#x27;twelve&#x27; is not a number.</span>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Measures-0-amount\"", html, StringComparison.Ordinal);

        fields["Measures[0].amount"] = "12000000";
        var submitted = await form.PostFormAsync(path.Replace("?", "?handler=Submit&", StringComparison.Ordinal), fields);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains("submitted=", submitted.Headers.Location!.ToString(), StringComparison.Ordinal);
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Submissions.Include(s => s.Measures).SingleAsync(s => s.RoundId == round);
            Assert.Equal(SubmissionChannel.Online, stored.Channel);
            Assert.Equal(12_000_000m, stored.Measures.Single().Amount);
            Assert.False(await db.Set<SubmissionDraft>().AnyAsync(d => d.RoundId == round));
        });
    }

    private static byte[] Zip(params (string Name, long Size)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, size) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                var chunk = new byte[1024 * 1024];
                for (long written = 0; written < size; written += chunk.Length)
                {
                    entry.Write(chunk, 0, (int)Math.Min(chunk.Length, size - written));
                }
            }
        }

        return stream.ToArray();
    }
}

public sealed class SqliteCollectionTests(SqliteApp app) : CollectionTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCollectionTests(PostgresApp app) : CollectionTests(app), IClassFixture<PostgresApp>;

/// <summary>Two States report the same matter from both sides: one canonical case, counted once in the statistics.</summary>
public abstract class ReconciliationTests(RecoveryWatchApp app)
{
    private async Task<HttpClient> FocalPointAsync(string state)
    {
        var email = $"recon.{state.ToLowerInvariant()}@collection.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ManageUsers>().CreateAsync(new SaveUserRequest { Email = email, Role = Roles.FocalPoint, States = [state] }, "Focal-point-password-2026", "test");
        }

        return await app.BearerClientAsync(email, "Focal-point-password-2026");
    }

    private static async Task<int> SubmitAndValidateAsync(HttpClient focal, HttpClient secretariat, int round, string state, string?[] caseRow, List<string?[]> measures)
    {
        var template = await focal.GetByteArrayAsync($"/api/v1/rounds/{round}/template.xlsx?state={state}");
        var content = new MultipartFormDataContent { { new ByteArrayContent(WorkbookFiller.Fill(template, [caseRow], measures)), "file", "answer.xlsx" } };
        var uploaded = await focal.PostAsync($"/api/v1/rounds/{round}/submissions/{state}", content);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var id = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var validated = await secretariat.PostAsync($"/api/v1/submissions/{id}/validate", null);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        // The template came pre-filled with the cases already known for the State; the new case is the last one touched.
        var caseId = (await validated.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Last().GetInt32();
        // Validation proposes a draft; the public statistics below count it once the Secretariat publishes it.
        var published = await secretariat.PostAsync($"/api/v1/cases/{caseId}/publish", null);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        return caseId;
    }

    private static async Task<int> FrozenCasesAsync(HttpClient client, string state)
    {
        var rows = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistics/volumes?by=state");
        return rows.EnumerateArray().Where(r => r.GetProperty("group").GetString() == state && r.GetProperty("stage").GetString() == "Frozen").Select(r => r.GetProperty("cases").GetInt32()).SingleOrDefault();
    }

    [Fact]
    public async Task Both_sides_reporting_the_same_case_become_one_canonical_case_counted_once()
    {
        await app.WithDbAsync(async db =>
        {
            db.ExchangeRates.Add(new RecoveryWatch.Analytics.ExchangeRate("CHF", new DateOnly(2000, 1, 1), 1.1m, "test"));
            await db.SaveChangesAsync();
        });
        using var secretariat = await app.SecretariatClientAsync();
        var created = await secretariat.PostAsJsonAsync("/api/v1/rounds", new { code = "RECON-" + app.Kind, title = "Reconciliation", periodFrom = "2010-01-01", periodTo = "2020-06-30", deadline = "2030-01-01T00:00:00Z", states = new[] { "MWI", "LIE" } });
        var round = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var malawi = await FocalPointAsync("MWI");
        using var liechtenstein = await FocalPointAsync("LIE");

        var fromRequesting = await SubmitAndValidateAsync(malawi, secretariat, round, "MWI",
            [null, "MW-7", "Cashgate: embezzled government funds in Vaduz", "LIE", "Requesting", "Art17", "", ""],
            [["MW-7", "Frozen", "BankFunds", "2000000", "CHF", "2015-06", null, null], ["MW-7", "Returned", "BankFunds", "900000", "CHF", "2019", "As received by Malawi", "Returned under a settlement"]]);
        var fromRequested = await SubmitAndValidateAsync(liechtenstein, secretariat, round, "LIE",
            [null, "FL-2015-33", "Embezzled Malawi government funds (Cashgate) frozen in Vaduz", "MWI", "Requested", "Art17;Art23", "Art54_2", ""],
            [["FL-2015-33", "Frozen", "BankFunds", "2100000", "CHF", "2015-05", null, null], ["FL-2015-33", "Returned", "BankFunds", "950000", "CHF", "2019", null, "Returned under a settlement"]]);
        Assert.Equal(2, await FrozenCasesAsync(app.CreateClient(), "MWI"));

        var proposals = await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/reconciliation");
        var proposal = proposals.EnumerateArray().SingleOrDefault(p => p.GetProperty("reportedCaseId").GetInt32() == fromRequested && p.GetProperty("candidateCaseId").GetInt32() == fromRequesting);
        Assert.True(proposal.ValueKind == JsonValueKind.Object, $"No proposal for {fromRequested} -> {fromRequesting}: {proposals}");
        Assert.True(proposal.GetProperty("score").GetDouble() >= 0.8, proposal.ToString());
        var confirmed = await secretariat.PostAsync($"/api/v1/reconciliation/{proposal.GetProperty("id").GetInt32()}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/cases/{fromRequested}")).StatusCode);
        var canonical = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/cases/{fromRequesting}");
        var reporters = canonical.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("reportedBy").GetString()).Distinct().Order().ToList();
        Assert.Equal(["LIE", "MWI"], reporters);
        Assert.Equal(1, await FrozenCasesAsync(app.CreateClient(), "MWI"));

        // Totals follow the stated rule: the requested State's figure for freezing (2,100,000 CHF), the requesting
        // (receiving) State's for the return (900,000 CHF) — never both sides added.
        var byState = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/statistics/volumes?by=state");
        decimal Usd(string stage) => byState.EnumerateArray().Single(r => r.GetProperty("group").GetString() == "MWI" && r.GetProperty("stage").GetString() == stage).GetProperty("usdTotal").GetDecimal();
        Assert.Equal(2_310_000m, Usd("Frozen"));
        Assert.Equal(990_000m, Usd("Returned"));
        await app.WithDbAsync(async db => Assert.True((await db.Cases.SingleAsync(c => c.Id == fromRequesting)).FiguresDisagree));
    }

    [Fact]
    public async Task Unknown_grouping_is_a_problem_naming_the_parameter()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/statistics/volumes?by=planet");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"by\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class SqliteReconciliationTests(SqliteApp app) : ReconciliationTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresReconciliationTests(PostgresApp app) : ReconciliationTests(app), IClassFixture<PostgresApp>;
