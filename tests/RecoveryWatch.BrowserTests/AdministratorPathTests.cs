using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>
/// The Secretariat's administrator, in English and in Arabic: signs in, reads the users and one account, the information
/// requests and the form to open one, and the audit log with its filters. Axe on every page. Elements are found by id,
/// role and address, never by English text.
/// </summary>
[Collection(BrowserFlows.Name)]
public sealed class AdministratorPathTests(BrowserApp app)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Administrator_reads_users_rounds_and_the_audit_log(string language)
    {
        var page = await UserPaths.OpenAsync(app, language);
        // The sign-in page passes axe in FocalPointPathTests; here it is only the way in.
        await page.GotoAsync("/account/login");
        await UserPaths.SignInAsync(page, BrowserApp.AdminEmail, BrowserApp.AdminPassword);

        await page.Locator("header nav a[href='/admin/users']").ClickAsync();
        await Expect(page.Locator("table.users")).ToContainTextAsync(BrowserApp.KenyaFocalEmail);
        await UserPaths.CheckAsync(page, language);
        await page.Locator("table.users a[href^='/admin/users/']").First.ClickAsync();
        await Expect(page.Locator("main form[method=post]").First).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);

        await page.Locator("header nav a[href='/rounds']").ClickAsync();
        await UserPaths.CheckAsync(page, language);
        await page.Locator("main a[href='/rounds/new']").ClickAsync();
        await Expect(page.Locator("main form[method=post]").First).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);
        await page.GoBackAsync();
        await page.Locator("main a[href^='/rounds/']:not([href='/rounds/new'])").First.ClickAsync();
        await Expect(page.Locator("table.round-states tbody tr").First).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);

        await page.Locator("header nav a[href='/admin/audit']").ClickAsync();
        await Expect(page.Locator("table.audit tbody tr").First).ToBeVisibleAsync();
        await UserPaths.CheckAsync(page, language);
        // Filtered to what the set-up of these tests did (the same page, so axe is not run again).
        await page.Locator("main form.audit-filters [name=actor]").FillAsync("browser-test");
        await page.Locator("main form.audit-filters button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("actor="));
        await Expect(page.Locator("table.audit")).ToBeVisibleAsync();
    }
}
