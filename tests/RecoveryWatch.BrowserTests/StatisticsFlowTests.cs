using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RecoveryWatch.BrowserTests;

/// <summary>A member of the public reads the statistics dashboard, in English and in Arabic, and follows a figure to the
/// cases behind it.</summary>
[Collection(BrowserFlows.Name)]
public sealed class StatisticsFlowTests(BrowserApp app)
{
    [Theory]
    [InlineData("en", "ltr")]
    [InlineData("ar", "rtl")]
    public async Task The_dashboard_shows_charts_with_text_alternatives_a_coloured_map_and_figures_that_lead_to_their_cases(string language, string direction)
    {
        var page = await app.NewPageAsync(language);
        await page.GotoAsync("/statistics");
        Assert.Equal(direction, await page.EvaluateAsync<string>("document.documentElement.dir"));

        // Every chart has a name and a description, drawn on the server (no script needed): the bar charts are images, the
        // map a group of links, one per State.
        var charts = page.Locator("section.chart-section svg[aria-labelledby]");
        Assert.Equal(6, await charts.CountAsync());
        foreach (var chart in await charts.AllAsync())
        {
            var labelledBy = (await chart.GetAttributeAsync("aria-labelledby"))!.Split(' ');
            Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#" + labelledBy[0]).TextContentAsync()));
            Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#" + labelledBy[1]).TextContentAsync()));
            Assert.True((await chart.BoundingBoxAsync())!.Width > 200);
        }

        // The map colours the States with frozen assets in the demo data.
        var shaded = page.Locator("svg.world-map path[data-state]");
        Assert.True(await shaded.CountAsync() > 3);
        Assert.NotEqual("#E4E4E4", await shaded.First.GetAttributeAsync("fill"));

        var axe = await page.RunAxe();
        Assert.True(
            axe.Violations.All(v => v.Impact is not ("serious" or "critical")),
            string.Join("\n", axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));

        // The headline of frozen assets leads to the list of the cases it counts.
        var frozen = page.Locator(".headlines a[data-stage=Frozen]");
        var counted = int.Parse(System.Text.RegularExpressions.Regex.Match((await frozen.Locator(".headline-cases").TextContentAsync())!.Replace(",", "", StringComparison.Ordinal).Replace("٬", "", StringComparison.Ordinal), @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        await frozen.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cases\\?stage=Frozen"));
        var total = await page.EvaluateAsync<int>("fetch('/api/v1/cases?stage=Frozen&pageSize=1').then(r => r.json()).then(j => j.total)");
        Assert.Equal(counted, total);
    }

    [Fact]
    public async Task Filters_apply_to_every_chart_and_a_chart_downloads_as_CSV()
    {
        var page = await app.NewPageAsync("en");
        await page.GotoAsync("/statistics");
        await page.Locator("#filter-region").SelectOptionAsync("African");
        await page.Locator("#filter-stage").SelectOptionAsync("Frozen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("region=African.*stage=Frozen"));
        foreach (var link in await page.Locator("a[href*='/api/v1/statistics/charts/']").AllAsync())
        {
            Assert.Contains("region=African", await link.GetAttributeAsync("href"), StringComparison.Ordinal);
        }

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#chart-by-year .downloads a", new() { HasText = "CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        // Read as UTF-8 (the byte-order mark that tells Excel so is taken off by the reader).
        Assert.StartsWith("Year,Stage,Cases", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Confiscated", csv, StringComparison.Ordinal);
    }
}
