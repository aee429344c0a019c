using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>The Secretariat imports official exchange rates: a file with a mistake is refused line by line and stores
/// nothing; the corrected file is imported and the figures are converted again.</summary>
[Collection(BrowserFlows.Name)]
public sealed class ExchangeRateFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Secretariat_sees_every_error_of_a_rates_file_with_its_line_then_imports_the_corrected_file()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/exchange-rates?culture=en");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GetByLabel("E-mail address").FillAsync(BrowserApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(BrowserApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exchange rates", Level = 1 })).ToBeVisibleAsync();

        const string header = "date,currency,units_per_usd,source\n";
        await page.Locator("#rates-file").SetInputFilesAsync(new FilePayload
        {
            Name = "rates.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(header + "2021-01-04,CHF,0.88,UN operational rates\n2021-01-04,XXX,1.5,UN operational rates\n2021-02-01,EUR,-0.82,UN operational rates\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        var errors = page.Locator("#rates-errors");
        await Expect(errors).ToBeVisibleAsync();
        await Expect(errors).ToContainTextAsync("line 3");
        await Expect(errors).ToContainTextAsync("line 4");

        await page.Locator("#rates-file").SetInputFilesAsync(new FilePayload
        {
            Name = "rates.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(header + "2021-01-04,CHF,0.88,UN operational rates\n2021-02-01,EUR,0.82,UN operational rates\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Expect(page.Locator("#rates-imported")).ToContainTextAsync("2 added");
        await page.Locator("#rates-currency").FillAsync("CHF");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "UN operational rates" }).First).ToBeVisibleAsync();
    }
}
