using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>A delegate opens the 14th meeting, reads the agenda in Chinese, downloads the Chinese version of a document, sees
/// the silence deadline in the reader's own time too, and objects to the draft report under silence procedure, confirming
/// the objection before it is sent.</summary>
[Collection(BrowserFlows.Name)]
public sealed class MeetingFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Delegate_reads_the_Chinese_agenda_downloads_a_document_and_objects_under_silence()
    {
        var page = await app.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync("/account/login?culture=en");
        await page.GetByLabel("E-mail address").FillAsync(BrowserApp.DelegateEmail);
        await page.GetByLabel("Password").FillAsync(BrowserApp.DelegatePassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Meetings" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Fourteenth meeting", Exact = false }).ClickAsync();
        await Expect(page.Locator("table.work tbody tr")).ToHaveCountAsync(5);

        await page.GetByLabel("Language of the agenda").SelectOptionAsync("zh");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change" }).Last.ClickAsync();
        var agenda = page.Locator("section.agenda");
        await Expect(agenda).ToHaveAttributeAsync("lang", "zh");
        await Expect(agenda).ToContainTextAsync("资产追回的实际方面");
        await Expect(agenda).ToContainTextAsync("技术援助");

        await agenda.GetByRole(AriaRole.Link, new() { Name = "CAC/COSP/WG.2/2020/1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CAC/COSP/WG.2/2020/1" })).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("tr", new() { HasText = "中文" }).GetByRole(AriaRole.Link).ClickAsync());
        Assert.EndsWith("_ZH.docx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        Assert.True(new FileInfo(path!).Length > 1000);

        await page.GoBackAsync();
        await page.GoBackAsync();
        var silence = page.Locator("#silence");
        await Expect(silence).ToContainTextAsync("CAC/COSP/WG.2/2020/L.1");
        await silence.GetByRole(AriaRole.Radio, new() { Name = "Objection" }).CheckAsync();
        await silence.GetByLabel("Text of the objection or proposed amendment").FillAsync("France cannot join consensus on paragraph 12.");
        // site.js adds the reader's own time beside the deadline in the meeting's time zone.
        await Expect(silence.Locator(".local-time").First).ToContainTextAsync("your time:");
        await Expect(silence.Locator(".local-time").First).ToContainTextAsync("2");
        // No outcome letter while the procedure is open.
        await Expect(silence.GetByRole(AriaRole.Link, new() { Name = "Letter on the outcome (Word)" })).ToHaveCountAsync(0);
        await silence.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        // Breaking silence cannot be undone: the page shows what will be sent and asks for confirmation; nothing is stored yet.
        var confirmation = page.Locator("#confirm-break");
        await Expect(confirmation).ToContainTextAsync("France cannot join consensus on paragraph 12.");
        await Expect(page.Locator("#silence .silence").First).ToHaveAttributeAsync("data-status", "Open");
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "Confirm objection" }).ClickAsync();
        await Expect(page.Locator("#silence .silence").First).ToHaveAttributeAsync("data-status", "Broken");
        await Expect(page.Locator("#silence").GetByRole(AriaRole.Link, new() { Name = "Letter on the outcome (Word)" }).First).ToBeVisibleAsync();
        await Expect(page.Locator("#silence")).ToContainTextAsync("France cannot join consensus on paragraph 12.");
        Assert.Empty(scriptErrors);
    }
}
