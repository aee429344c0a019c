using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>A member of the public searches the database, filters by State and stage, opens a case and reads its timeline.</summary>
[Collection(BrowserFlows.Name)]
public sealed class CaseSearchFlowTests(BrowserApp app)
{
    [Fact]
    public async Task Search_filter_by_State_and_stage_open_case_and_see_its_timeline()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/cases?culture=en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Asset recovery cases", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("table.cases tbody tr").First).ToBeVisibleAsync();

        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Kenya" });
        await page.GetByLabel("Stage", new() { Exact = true }).SelectOptionAsync("Returned");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("state=KEN.*stage=Returned"));
        var link = page.GetByRole(AriaRole.Link, new() { Name = BrowserApp.KnownTitle });
        await Expect(link).ToBeVisibleAsync();
        foreach (var row in await page.Locator("table.cases tbody tr").AllAsync())
        {
            await Expect(row).ToContainTextAsync("Kenya");
        }

        await link.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = BrowserApp.KnownTitle })).ToBeVisibleAsync();
        var timeline = page.Locator("ol.timeline > li");
        await Expect(timeline).ToHaveCountAsync(3);
        await Expect(timeline.Nth(0)).ToContainTextAsync("February 2016");
        await Expect(timeline.Nth(0)).ToContainTextAsync("CHF 7,500,000");
        await Expect(timeline.Nth(1)).ToContainTextAsync("Confiscated");
        await Expect(timeline.Nth(2)).ToContainTextAsync("Returned");
        await Expect(page.GetByText("UNCAC art. 55(1)(b)")).ToBeVisibleAsync();

        var axe = await page.RunAxe();
        Assert.True(
            axe.Violations.All(v => v.Impact is not ("serious" or "critical")),
            string.Join("\n", axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }

    [Fact]
    public async Task Arabic_reader_gets_a_right_to_left_page_and_the_choice_is_remembered()
    {
        var page = await app.NewPageAsync("ar");
        await page.GotoAsync("/cases");
        Assert.Equal("rtl", await page.EvaluateAsync<string>("document.documentElement.dir"));
        Assert.Equal("ar", await page.EvaluateAsync<string>("document.documentElement.lang"));
        // The filters column sits on the right in a right-to-left page.
        var filters = await page.Locator("aside.filters").BoundingBoxAsync();
        var results = await page.Locator("section.results").BoundingBoxAsync();
        Assert.True(filters!.X > results!.X, "In Arabic the filters should be on the right of the results.");

        await page.Locator("#language-select").SelectOptionAsync("fr");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await page.GotoAsync("/cases");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
    }
}
