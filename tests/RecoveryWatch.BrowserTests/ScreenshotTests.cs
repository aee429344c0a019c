using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// Regenerates the screenshots in docs/screenshots (the public search, a case page, the statistics dashboard and the
/// meeting page, in Arabic and in Chinese, 1280 px wide). Opt-in, because it writes into the repository:
/// <c>RECOVERYWATCH_SCREENSHOTS=1 dotnet test tests/RecoveryWatch.BrowserTests --filter FullyQualifiedName~ScreenshotTests</c>.
/// </summary>
[Collection(BrowserFlows.Name)]
public sealed class ScreenshotTests(BrowserApp app)
{
    private const int Width = 1280;
    private const int Height = 900;

    [ScreenshotFact]
    public async Task Public_pages_in_Arabic_and_Chinese()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var language in new[] { "ar", "zh" })
        {
            var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = app.BaseUrl,
                Locale = language,
                ViewportSize = new ViewportSize { Width = Width, Height = Height },
                // The time zone is fixed so that the meeting page's "your time" reads the same on every machine.
                TimezoneId = "Europe/Vienna",
            });
            var page = await context.NewPageAsync();
            (string Name, string Url)[] shots =
            [
                ("search", "/cases?stage=Returned"),
                ("case", $"/cases/{app.KnownCaseId}"),
                ("statistics", "/statistics"),
                ("meeting", $"/meetings/{app.MeetingId}"),
            ];
            foreach (var (name, url) in shots)
            {
                await page.GotoAsync(url);
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await page.ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(folder, $"{name}-{language}.png"),
                    Type = ScreenshotType.Png,
                });
            }

            await context.CloseAsync();
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RecoveryWatch.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("RecoveryWatch.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A test that runs only when RECOVERYWATCH_SCREENSHOTS=1, so that the usual test run never rewrites docs/.</summary>
public sealed class ScreenshotFactAttribute : FactAttribute
{
    public ScreenshotFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("RECOVERYWATCH_SCREENSHOTS") != "1")
        {
            Skip = "Set RECOVERYWATCH_SCREENSHOTS=1 to regenerate docs/screenshots.";
        }
    }
}
