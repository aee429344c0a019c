using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>Kenya's focal point updates its State's legal framework and sends it for validation; the Secretariat validates
/// it; a visitor compares Kenya, France and the United Kingdom on direct enforcement and the criminal standard of proof,
/// and downloads the comparison.</summary>
[Collection(BrowserFlows.Name)]
public sealed partial class LegalFrameworkFlowTests(BrowserApp app)
{
    private const string Law = "Proceeds of Crime and Anti-Money Laundering Act";

    [Fact]
    public async Task Focal_point_updates_the_profile_the_Secretariat_validates_and_a_visitor_compares_and_downloads()
    {
        var focal = await app.NewPageAsync();
        await focal.GotoAsync("/legal-frameworks/KEN/edit?culture=en");
        await SignInAsync(focal, BrowserApp.KenyaFocalEmail, BrowserApp.KenyaFocalPassword);
        await Expect(focal.GetByRole(AriaRole.Heading, new() { Name = "Edit the legal framework of Kenya", Level = 1 })).ToBeVisibleAsync();
        await focal.Locator("#Source").FillAsync("Office of the Attorney-General, update of 2026");
        await focal.Locator("#Answers_1__Answer").SelectOptionAsync("Partial");
        await focal.Locator("#Answers_1__LawTitle").FillAsync(Law);
        await focal.Locator("#Answers_1__LawArticle").FillAsync("s. 2");
        await focal.Locator("#Answers_1__LawUrl").FillAsync("https://kenyalaw.example.org/poamla");
        await focal.Locator("#Answers_7__Answer").SelectOptionAsync("BeyondReasonableDoubt");
        await focal.GetByRole(AriaRole.Button, new() { Name = "Save and submit for validation" }).ClickAsync();
        await Expect(focal.Locator("#framework-notice")).ToContainTextAsync("sent to the Secretariat for validation");
        await AssertAccessibleAsync(focal);

        // Not public until validated: the visitor's comparison does not show the submitted answers.
        var secretariat = await app.NewPageAsync();
        await secretariat.GotoAsync("/legal-frameworks?culture=en");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await SignInAsync(secretariat, BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        await secretariat.GotoAsync("/legal-frameworks?culture=en");
        await secretariat.Locator("#awaiting-list").GetByRole(AriaRole.Link, new() { Name = "Kenya" }).ClickAsync();
        await secretariat.GetByText(new Regex("^Review version")).ClickAsync();
        await Expect(secretariat.GetByText(Law).First).ToBeVisibleAsync();
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
        await Expect(secretariat.Locator("#framework-notice")).ToContainTextAsync("is validated");

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/legal-frameworks?culture=en");
        await visitor.GetByLabel("Kenya", new() { Exact = true }).CheckAsync();
        await visitor.GetByLabel("France", new() { Exact = true }).CheckAsync();
        await visitor.GetByLabel("United Kingdom of Great Britain and Northern Ireland", new() { Exact = true }).CheckAsync();
        await visitor.GetByLabel("Direct enforcement of foreign confiscation orders", new() { Exact = true }).CheckAsync();
        await visitor.GetByLabel("Standard of proof in criminal confiscation", new() { Exact = true }).CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();

        var table = visitor.Locator("#comparison");
        await Expect(table.Locator("thead th")).ToHaveCountAsync(4);
        await Expect(table.Locator("tr[data-question='DirectEnforcement'] td[data-state='KEN']")).ToContainTextAsync("Available with conditions");
        await Expect(table.Locator("tr[data-question='DirectEnforcement'] td[data-state='KEN']")).ToContainTextAsync(Law);
        await Expect(table.Locator("tr[data-question='ProofCriminal'] td[data-state='KEN']")).ToContainTextAsync("Beyond reasonable doubt");
        await Expect(table.Locator("tr[data-question='ProofCriminal'] td[data-state='FRA']")).ToContainTextAsync("Intimate conviction of the judge");
        await AssertAccessibleAsync(visitor);

        var download = await visitor.RunAndWaitForDownloadAsync(() => visitor.Locator("#download-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 3 * 2, rows.Length);
        Assert.Contains(rows, r => r.StartsWith("KEN,", StringComparison.Ordinal) && r.Contains("DirectEnforcement,", StringComparison.Ordinal) && r.Contains(",Partial,", StringComparison.Ordinal) && r.Contains(Law, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("FRA,", StringComparison.Ordinal) && r.Contains("IntimateConviction", StringComparison.Ordinal));
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await Expect(page).ToHaveURLAsync(LoginPage());
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        Assert.True(
            axe.Violations.All(v => v.Impact is not ("serious" or "critical")),
            string.Join("\n", axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginPage();
}
