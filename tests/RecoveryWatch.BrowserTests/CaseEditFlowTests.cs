using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>The Secretariat signs in, records a case, is told what is wrong next to the field, fixes it and sees the case.</summary>
[Collection(BrowserFlows.Name)]
public sealed class CaseEditFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Secretariat_creates_a_case_and_fixes_an_error_shown_next_to_the_field()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/cases/edit?culture=en");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GetByLabel("E-mail address").FillAsync(BrowserApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(BrowserApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New case", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Browser-recorded case of illicit enrichment");
        await page.Locator("#Input_States_0__State").SelectOptionAsync("PER");
        await page.Locator("#Input_States_1__State").SelectOptionAsync("USA");
        await page.Locator("input[name='Input.Offences'][value='Art20']").CheckAsync();
        await page.Locator("#Input_Measures_0__Stage").SelectOptionAsync("Frozen");
        await page.Locator("#Input_Measures_0__Amount").FillAsync("-250000");
        await page.Locator("#Input_Measures_0__Currency").SelectOptionAsync("USD");
        await page.Locator("#Input_Measures_0__Date").FillAsync("2018-04");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save case" }).ClickAsync();

        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        var amountError = page.Locator("span[data-valmsg-for='Input.Measures[0].Amount']");
        await Expect(amountError).ToHaveTextAsync("The amount must be greater than zero.");
        await Expect(page.Locator("#Input_Title")).ToHaveValueAsync("Browser-recorded case of illicit enrichment");

        await page.Locator("#Input_Measures_0__Amount").FillAsync("250000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save case" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Browser-recorded case of illicit enrichment" })).ToBeVisibleAsync();
        await Expect(page.Locator("ol.timeline > li")).ToHaveCountAsync(1);
        await Expect(page.Locator("ol.timeline")).ToContainTextAsync("USD\u00A0250,000");
        await Expect(page.Locator("ol.timeline")).ToContainTextAsync("April 2018");
        await Expect(page.GetByText("UNCAC art. 20")).ToBeVisibleAsync();
    }
}
