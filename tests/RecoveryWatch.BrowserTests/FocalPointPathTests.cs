using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// Kenya's focal point, in English and in Arabic: signs in, opens the information request, downloads Kenya's Excel
/// template, opens the online answer, and reads Kenya's own cases with the data restricted to Kenya. Axe on every page.
/// Elements are found by id, role and address, never by English text.
/// </summary>
[Collection(BrowserFlows.Name)]
public sealed class FocalPointPathTests(BrowserApp app)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Focal_point_signs_in_opens_the_round_downloads_the_template_opens_the_online_answer_and_reads_its_cases(string language)
    {
        var page = await UserPaths.OpenAsync(app, language);
        await UserPaths.VisitAsync(page, "/account/login", language);
        await UserPaths.SignInAsync(page, BrowserApp.KenyaFocalEmail, BrowserApp.KenyaFocalPassword);

        await page.Locator("header nav a[href='/rounds']").ClickAsync();
        await UserPaths.CheckAsync(page, language);
        await page.Locator("main a[href^='/rounds/']:not([href='/rounds/new'])").First.ClickAsync();
        var states = page.Locator("table.round-states tbody tr");
        await Expect(states).ToHaveCountAsync(1);
        await UserPaths.CheckAsync(page, language);

        // Kenya's template, in the reader's language.
        var template = states.Locator("a[href*='template.xlsx'][href*='state=KEN']");
        Assert.Contains("lang=" + language, await template.GetAttributeAsync("href"), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => template.ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);

        // The online answer, the web twin of the workbook.
        await states.Locator("a[href*='/answer?state=KEN']").ClickAsync();
        await Expect(page.Locator("main form[method=post]").First).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);

        // Kenya's own cases, with what only Kenya and the Secretariat may read.
        await UserPaths.VisitAsync(page, "/cases?state=KEN", language);
        await page.Locator($"table.cases a[href='/cases/{app.KnownCaseId}']").ClickAsync();
        await Expect(page.GetByText(BrowserApp.KenyaRestricted)).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);
        await UserPaths.VisitAsync(page, $"/cases/{app.PeruCaseId}", language);
        await Expect(page.GetByText(BrowserApp.PeruRestricted)).ToHaveCountAsync(0);

        // Kenya's legal framework, which the focal point keeps up to date.
        await UserPaths.VisitAsync(page, "/legal-frameworks/KEN/edit", language);
    }
}
