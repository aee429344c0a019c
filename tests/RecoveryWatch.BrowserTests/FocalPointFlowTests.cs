using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>An administrator creates a focal point for Kenya; the focal point chooses a password, signs in, and sees
/// Kenya's restricted data and no other State's.</summary>
[Collection(BrowserFlows.Name)]
public sealed class FocalPointFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Administrator_creates_a_focal_point_who_sees_only_its_States_restricted_data()
    {
        var admin = await app.NewPageAsync();
        await admin.GotoAsync("/account/login?culture=en");
        await admin.GetByLabel("E-mail address").FillAsync(BrowserApp.AdminEmail);
        await admin.GetByLabel("Password").FillAsync(BrowserApp.AdminPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();

        await admin.GetByLabel("E-mail address").FillAsync("focal.kenya@browser.test");
        await admin.GetByLabel("Role").SelectOptionAsync("FocalPoint");
        await admin.Locator("#Input_States").SelectOptionAsync(new SelectOptionValue { Label = "Kenya" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
        var link = await admin.Locator("#invitation-link").InputValueAsync();
        await Expect(admin.Locator("table.users")).ToContainTextAsync("focal.kenya@browser.test");
        Assert.Contains("/account/setup?", link, StringComparison.Ordinal);

        var focal = await app.NewPageAsync();
        await focal.GotoAsync(new Uri(link).PathAndQuery + "&culture=en");
        await focal.GetByLabel("Password", new() { Exact = true }).FillAsync("Kenya-focal-point-2026");
        await focal.GetByLabel("Repeat the password").FillAsync("Kenya-focal-point-2026");
        await focal.GetByRole(AriaRole.Button, new() { Name = "Save the password" }).ClickAsync();
        await focal.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First.ClickAsync();
        await focal.GetByLabel("E-mail address").FillAsync("focal.kenya@browser.test");
        await focal.GetByLabel("Password").FillAsync("Kenya-focal-point-2026");
        await focal.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(focal.GetByText("focal.kenya@browser.test")).ToBeVisibleAsync();

        await focal.GotoAsync($"/cases/{app.KnownCaseId}");
        await Expect(focal.GetByText(BrowserApp.KenyaRestricted)).ToBeVisibleAsync();
        await focal.GotoAsync($"/cases/{app.PeruCaseId}");
        await Expect(focal.GetByRole(AriaRole.Heading, new() { Name = BrowserApp.PeruTitle })).ToBeVisibleAsync();
        await Expect(focal.GetByText(BrowserApp.PeruRestricted)).ToHaveCountAsync(0);
        // And no way into the Secretariat's pages.
        await focal.GotoAsync("/admin/users");
        await Expect(focal).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/denied"));
    }
}
