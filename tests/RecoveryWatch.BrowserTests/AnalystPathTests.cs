using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RecoveryWatch.Identity;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// A Secretariat analyst, in English and in Arabic: signs in, opens the information request, reviews the answer Switzerland
/// sent, looks at the proposed matches to reconcile, reads the statistics and downloads the Secretariat's note. Axe on every
/// page. The path only reads, so that the other flows sharing the application keep their data. Elements are found by id,
/// role and address, never by English text.
/// </summary>
[Collection(BrowserFlows.Name)]
public sealed class AnalystPathTests(BrowserApp app)
{
    private const string Password = "Analyst-password-2026";

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Analyst_reviews_a_submission_reconciles_reads_statistics_and_downloads_the_note(string language)
    {
        var email = $"analyst.{language}@browser.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ManageUsers>().CreateAsync(
                new SaveUserRequest { Email = email, Role = Roles.SecretariatAnalyst }, Password, "browser-test");
        }

        var page = await UserPaths.OpenAsync(app, language);
        // The sign-in page passes axe in FocalPointPathTests; here it is only the way in.
        await page.GotoAsync("/account/login");
        await UserPaths.SignInAsync(page, email, Password);

        // The demo round: Switzerland's answer awaits review.
        await page.Locator("header nav a[href='/rounds']").ClickAsync();
        await UserPaths.CheckAsync(page, language);
        await page.Locator("main a[href^='/rounds/']:not([href='/rounds/new'])").First.ClickAsync();
        await Expect(page.Locator("table.round-states tbody tr").First).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);
        await page.Locator("table.round-states a[href^='/submissions/']").First.ClickAsync();
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);

        await page.Locator("header nav a[href='/reconciliation']").ClickAsync();
        await UserPaths.CheckAsync(page, language);

        await page.Locator("header nav a[href='/statistics']").ClickAsync();
        await Expect(page.Locator("section.chart-section svg[aria-labelledby]").First).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);

        // The Secretariat's note on the round, as a Word document.
        await page.Locator("header nav a[href='/reports/note']").ClickAsync();
        await UserPaths.CheckAsync(page, language);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("main form[action='/reports/note'] button[type=submit]").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
    }
}
