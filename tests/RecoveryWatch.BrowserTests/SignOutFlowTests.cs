using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>The Secretariat signs in, reads a case, signs out with the button at the top of the case page, is told so,
/// and finds its own pages closed again.</summary>
[Collection(BrowserFlows.Name)]
public sealed class SignOutFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Secretariat_signs_out_from_a_case_page_and_its_pages_close_again()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login?culture=en");
        await page.GetByLabel("E-mail address").FillAsync(BrowserApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(BrowserApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();

        await page.GotoAsync($"/cases/{app.KnownCaseId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = BrowserApp.KnownTitle })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/cases$"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "You are signed out." })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);

        await page.GotoAsync("/admin/users");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.GotoAsync($"/cases/edit/{app.KnownCaseId}");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }
}
