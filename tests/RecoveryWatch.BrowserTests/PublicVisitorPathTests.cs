using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// A member of the public on a 390 px phone, in English, Arabic and Chinese: searches the cases, narrows them with a facet,
/// opens a case, downloads the list, reads the statistics and opens the meeting page. Every page passes axe (no serious
/// or critical finding) and fits the screen. Elements are found by id, role and address, never by English text.
/// </summary>
[Collection(BrowserFlows.Name)]
public sealed partial class PublicVisitorPathTests(BrowserApp app)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("zh")]
    public async Task Visitor_searches_filters_reads_a_case_downloads_and_reads_statistics_and_a_meeting_on_a_phone(string language)
    {
        var page = await UserPaths.OpenAsync(app, language, phone: true);
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        // The home page is the case search; axe runs on it below, once filtered (same page, fewer rows to wait for).
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(CasesPage());
        await UserPaths.AssertFitsAsync(page);

        // On a phone the filters fill several screens before the results: a link goes straight to them.
        await page.Locator(".skip-to-results a[href='#results']").ClickAsync();
        await Expect(page.Locator("#results-heading")).ToBeInViewportAsync();

        // Search by words, then narrow by a facet (the stage "Returned") offered beside the results.
        await page.Locator("#filter-q").FillAsync("pension");
        await page.Locator("#search-form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("q=pension"));
        await page.Locator(".facets a[href*='stage=Returned']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("stage=Returned"));
        await UserPaths.CheckAsync(page, language);
        await UserPaths.AssertFitsAsync(page);

        // The list downloads as CSV with the same filters.
        var exportLink = page.Locator(".exports a[href*='/api/v1/export/cases.csv']");
        Assert.Contains("stage=Returned", await exportLink.GetAttributeAsync("href"), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => exportLink.ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains(BrowserApp.KnownTitle, csv, StringComparison.Ordinal);

        var caseLink = page.Locator($"table.cases a[href='/cases/{app.KnownCaseId}']");
        await Expect(caseLink).ToHaveTextAsync(BrowserApp.KnownTitle);
        await caseLink.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(BrowserApp.KnownTitle);
        await Expect(page.Locator("ol.timeline > li")).ToHaveCountAsync(3);
        await UserPaths.CheckAsync(page, language);
        await UserPaths.AssertFitsAsync(page);

        // Statistics from the main navigation, and one chart's figures downloaded.
        await page.Locator("header nav a[href='/statistics']").ClickAsync();
        await Expect(page.Locator("section.chart-section svg[aria-labelledby]").First).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);
        await UserPaths.AssertFitsAsync(page);
        var chartCsv = await page.RunAndWaitForDownloadAsync(() => page.Locator("#chart-by-year .downloads a[href*='csv']").ClickAsync());
        Assert.EndsWith(".csv", chartCsv.SuggestedFilename, StringComparison.Ordinal);

        // The meeting page from the main navigation.
        await page.Locator("header nav a[href='/meetings']").ClickAsync();
        await UserPaths.CheckAsync(page, language);
        await UserPaths.AssertFitsAsync(page);
        await page.Locator($"main a[href='/meetings/{app.MeetingId}']").First.ClickAsync();
        await Expect(page.Locator("section.agenda ol.agenda-items > li").First).ToBeVisibleAsync();
        await Expect(page.Locator("#silence")).ToContainTextAsync("CAC/COSP/WG.2/2020/L.1");
        await UserPaths.CheckAsync(page, language);
        await UserPaths.AssertFitsAsync(page);

        Assert.Empty(scriptErrors);
    }

    [GeneratedRegex("/cases$")]
    private static partial Regex CasesPage();
}
