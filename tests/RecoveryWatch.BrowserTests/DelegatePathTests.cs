using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// France's delegate, in English and in Arabic: signs in, opens the meeting, reads the silence procedure on the draft
/// report, follows a document of the agenda and downloads a version of it, and browses the documents. Axe on every page.
/// The path only reads: breaking silence is MeetingFlowTests' business. Elements are found by id, role and address.
/// </summary>
[Collection(BrowserFlows.Name)]
public sealed class DelegatePathTests(BrowserApp app)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Delegate_opens_the_meeting_reads_the_silence_procedure_and_the_documents(string language)
    {
        var page = await UserPaths.OpenAsync(app, language);
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        // The sign-in page passes axe in FocalPointPathTests; here it is only the way in.
        await page.GotoAsync("/account/login");
        await UserPaths.SignInAsync(page, BrowserApp.DelegateEmail, BrowserApp.DelegatePassword);

        await page.Locator("header nav a[href='/meetings']").ClickAsync();
        await UserPaths.CheckAsync(page, language);
        await page.Locator($"main a[href='/meetings/{app.MeetingId}']").First.ClickAsync();
        await Expect(page.Locator("section.agenda ol.agenda-items > li").First).ToBeVisibleAsync();

        // The silence procedure on the draft report: its deadline, also in the reader's own time (added by site.js).
        var silence = page.Locator("#silence");
        await Expect(silence).ToContainTextAsync("CAC/COSP/WG.2/2020/L.1");
        await Expect(silence.Locator("article.silence").First).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(Open|Broken|Adopted)$"));
        await Expect(silence.Locator(".local-time").First).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);

        // The agenda document, and one of its language versions.
        await page.Locator("section.agenda h2 a[href^='/documents?symbol=']").ClickAsync();
        await Expect(page.Locator("table.versions a[download]").First).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("table.versions a[download]").First.ClickAsync());
        Assert.True(new FileInfo((await download.PathAsync())!).Length > 1000);

        await UserPaths.VisitAsync(page, "/documents", language);
        Assert.Empty(scriptErrors);
    }
}
