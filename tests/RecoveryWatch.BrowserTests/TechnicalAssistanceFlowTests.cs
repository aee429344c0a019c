using System.Globalization;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>The Secretariat records a technical-assistance need for a State, then an activity that answered it and marks it
/// met: the unmet table counts the need while it is open and no longer once it is met.</summary>
[Collection(BrowserFlows.Name)]
public sealed class TechnicalAssistanceFlowTests(BrowserApp app)
{
    private const string Description = "Browser need: training of Namibian investigators in tracing assets abroad";

    private static ILocator AfricanTraining(IPage page) => page.Locator("#unmet-table td[data-region='African'][data-type='Training']");

    private static async Task<int> CountAsync(IPage page) =>
        int.Parse((await AfricanTraining(page).InnerTextAsync()).Trim(), NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-GB"));

    [Fact]
    public async Task Secretariat_records_a_need_then_an_activity_that_meets_it_and_the_unmet_table_changes()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login?culture=en");
        await page.GetByLabel("E-mail address").FillAsync(BrowserApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(BrowserApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Technical assistance", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Technical assistance needs", Level = 1 })).ToBeVisibleAsync();
        var before = await CountAsync(page);
        var axe = await page.RunAxe();
        Assert.True(axe.Violations.All(v => v.Impact is not ("serious" or "critical")),
            string.Join("\n", axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));

        // The need, recorded by the Secretariat.
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a need" }).ClickAsync();
        await page.Locator("#need-state").SelectOptionAsync("NAM");
        await page.Locator("#need-area").SelectOptionAsync("AssetTracing");
        await page.Locator("#need-type").SelectOptionAsync("Training");
        await page.Locator("#need-priority").SelectOptionAsync("High");
        await page.Locator("#need-description").FillAsync(Description);
        await page.Locator("#need-visibility").SelectOptionAsync("Public");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#need-saved")).ToBeVisibleAsync();

        await page.GotoAsync("/technical-assistance");
        Assert.Equal(before + 1, await CountAsync(page));
        await AfricanTraining(page).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#needs-table")).ToContainTextAsync(Description);

        // The activity that answered it, marking it met.
        await page.GotoAsync("/technical-assistance/activities/new?state=NAM");
        await page.Locator("#activity-title").FillAsync("Browser workshop on financial investigations");
        await page.Locator("#activity-provider").FillAsync("UNODC");
        await page.Locator("#activity-start").FillAsync("2024-04-08");
        await page.Locator("#activity-end").FillAsync("2024-04-10");
        var row = page.Locator("#candidate-needs tr", new() { HasText = Description });
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await row.Locator("select").SelectOptionAsync("Met");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#activity-saved")).ToBeVisibleAsync();
        await Expect(page.Locator("#activities-table")).ToContainTextAsync("Browser workshop on financial investigations");
        await Expect(page.Locator("#activities-table")).ToContainTextAsync("Met");

        await page.GotoAsync("/technical-assistance");
        Assert.Equal(before, await CountAsync(page));
        await page.GotoAsync("/technical-assistance?state=NAM");
        await Expect(page.Locator("#needs-table tr", new() { HasText = Description }).Locator(".need-status")).ToHaveTextAsync("Met");
    }
}
