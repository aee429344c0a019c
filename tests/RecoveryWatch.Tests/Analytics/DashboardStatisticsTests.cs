using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using RecoveryWatch.Analytics;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;
using static RecoveryWatch.Tests.Infrastructure.CaseBuilder;

namespace RecoveryWatch.Tests.Analytics;

/// <summary>
/// A world whose durations, flows, challenges and dated conversions are worked out by hand. Rates: 1 USD = 1 USD; 1 EUR =
/// 1.4 USD from 1 January 2010, 1.1 USD from 1 January 2015; none for the yen.
/// <list type="bullet">
/// <item>A — Nigeria → Switzerland: frozen 1,000 USD on 1 Jan 2010, confiscated 800 on 1 Jan 2012 (730 days), returned
/// 500 on 1 Jan 2013 (1,096 days). Challenge: differing evidentiary requirements. Route art. 54(1)(a), offence art. 17.</item>
/// <item>B — Kenya → United Kingdom: frozen 1,000 EUR in June 2014 (1 June: 1,400 USD at the 2010 rate), confiscated
/// 1,000 EUR on 29 Nov 2014 (181 days). Challenges: differing evidentiary requirements, enforcement of foreign orders.</item>
/// <item>C — Peru → Japan: frozen 5,000 JPY on 1 Mar 2012 (no rate), confiscated 300 USD on 1 Mar 2016 (1,461 days).</item>
/// <item>D — Egypt → France: frozen 200 EUR in January 2016 (220 USD at the 2015 rate), never confiscated: stalled.</item>
/// </list>
/// Freezing to confiscation: 181, 730, 1,461 days — median 730, quartiles 455.5 and 1,095.5 (linear interpolation).
/// </summary>
public class DashboardWorld(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public int A { get; private set; }
    public int B { get; private set; }
    public int C { get; private set; }
    public int D { get; private set; }

    protected override async Task SeedAsync()
    {
        await WithDbAsync(async db =>
        {
            db.ExchangeRates.AddRange(
                new ExchangeRate("USD", new DateOnly(2000, 1, 1), 1m, "test"),
                new ExchangeRate("EUR", new DateOnly(2010, 1, 1), 1.4m, "test"),
                new ExchangeRate("EUR", new DateOnly(2015, 1, 1), 1.1m, "test"));
            await db.SaveChangesAsync();
        });

        A = await CreateCaseAsync(Case("A").Between("NGA", "CHE").Offence("Art17").Route("Art54_1a", "CHE")
            .Measure(Stage.Frozen, 1_000m, "USD", "2010-01-01").Measure(Stage.Confiscated, 800m, "USD", "2012-01-01").Measure(Stage.Returned, 500m, "USD", "2013-01-01")
            .Challenge("DifferingEvidentiaryRequirements"));
        B = await CreateCaseAsync(Case("B").Between("KEN", "GBR").Offence("Art23")
            .Measure(Stage.Frozen, 1_000m, "EUR", "2014-06").Measure(Stage.Confiscated, 1_000m, "EUR", "2014-11-29")
            .Challenge("DifferingEvidentiaryRequirements").Challenge("ForeignConfiscationOrderEnforcement"));
        C = await CreateCaseAsync(Case("C").Between("PER", "JPN").Offence("Art16")
            .Measure(Stage.Frozen, 5_000m, "JPY", "2012-03-01").Measure(Stage.Confiscated, 300m, "USD", "2016-03-01"));
        D = await CreateCaseAsync(Case("D").Between("EGY", "FRA").Offence("Art17").Measure(Stage.Frozen, 200m, "EUR", "2016-01"));
    }
}

public sealed class SqliteDashboardWorld() : DashboardWorld(DatabaseKind.Sqlite);

public sealed class PostgresDashboardWorld() : DashboardWorld(DatabaseKind.Postgres);

public abstract class DashboardStatisticsTests(DashboardWorld world)
{
    private sealed record Volume(string Group, string Stage, int Cases, decimal UsdTotal, int CasesWithoutRate);

    private sealed record Flow(string Requesting, string Requested, string Stage, int Cases, decimal UsdTotal, int CasesWithoutRate);

    private sealed record ChallengeCount(string Challenge, string? Stage, int Cases);

    private async Task<List<T>> GetAsync<T>(string path)
    {
        var response = await world.CreateClient().GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<List<T>>(RecoveryWatchApp.Reading))!;
    }

    [Fact]
    public async Task Euro_figures_are_converted_at_the_rate_in_force_on_their_date_and_the_yen_figure_is_reported_without_a_rate()
    {
        var byYear = (await GetAsync<Volume>("/api/v1/statistics/volumes?by=year")).ToDictionary(v => (v.Group, v.Stage));
        Assert.Equal(new Volume("2010", "Frozen", 1, 1_000m, 0), byYear[("2010", "Frozen")]);
        Assert.Equal(new Volume("2014", "Frozen", 1, 1_400m, 0), byYear[("2014", "Frozen")]);
        Assert.Equal(new Volume("2016", "Frozen", 1, 220m, 0), byYear[("2016", "Frozen")]);
        Assert.Equal(new Volume("2012", "Frozen", 1, 0m, 1), byYear[("2012", "Frozen")]);
        Assert.Equal(new Volume("2014", "Confiscated", 1, 1_400m, 0), byYear[("2014", "Confiscated")]);
        Assert.Equal(new Volume("2013", "Returned", 1, 500m, 0), byYear[("2013", "Returned")]);
    }

    [Fact]
    public async Task Filters_select_cases_by_region_and_by_the_year_they_reached_the_stage()
    {
        var african = await GetAsync<Volume>("/api/v1/statistics/volumes?by=year&region=African&stage=Frozen");
        Assert.Equal(
            [new("2010", "Frozen", 1, 1_000m, 0), new("2014", "Frozen", 1, 1_400m, 0), new("2016", "Frozen", 1, 220m, 0)],
            african);
        var byRegion = await GetAsync<Volume>("/api/v1/statistics/volumes?by=region&yearFrom=2014&yearTo=2016&stage=Frozen");
        // B (1,400) and D (220): both African requesting States and Western European requested States.
        Assert.Equal([new("African", "Frozen", 2, 1_620m, 0), new("WesternEuropeanOther", "Frozen", 2, 1_620m, 0)], byRegion);
    }

    [Fact]
    public async Task Durations_give_the_median_and_quartiles_of_a_known_set_and_the_stalled_cases()
    {
        var response = await world.CreateClient().GetFromJsonAsync<DurationStatisticsResult>("/api/v1/statistics/durations", RecoveryWatchApp.Json);
        var toConfiscation = response!.FreezingToConfiscation;
        Assert.Equal(3, toConfiscation.Cases);
        Assert.Equal(730d, toConfiscation.MedianDays);
        Assert.Equal(455.5d, toConfiscation.LowerQuartileDays);
        Assert.Equal(1_095.5d, toConfiscation.UpperQuartileDays);
        Assert.Equal([1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0], toConfiscation.Distribution);
        Assert.Equal(1, response.FreezingToReturn.Cases);
        Assert.Equal(1_096d, response.FreezingToReturn.MedianDays);
        Assert.Equal([world.D], response.StalledCases);

        // The cohort frozen from 2014 on: B only has a confiscation.
        var recent = await world.CreateClient().GetFromJsonAsync<DurationStatisticsResult>("/api/v1/statistics/durations?yearFrom=2014", RecoveryWatchApp.Json);
        Assert.Equal(181d, recent!.FreezingToConfiscation.MedianDays);
    }

    [Fact]
    public async Task Flows_pair_each_requesting_State_with_each_requested_State_per_stage()
    {
        var flows = await GetAsync<Flow>("/api/v1/statistics/flows?stage=Frozen");
        Assert.Equal(
            [new("KEN", "GBR", "Frozen", 1, 1_400m, 0), new("NGA", "CHE", "Frozen", 1, 1_000m, 0), new("EGY", "FRA", "Frozen", 1, 220m, 0), new("PER", "JPN", "Frozen", 1, 0m, 1)],
            flows);
    }

    [Fact]
    public async Task Challenges_are_counted_by_case_and_by_the_stages_those_cases_reached()
    {
        var rows = await GetAsync<ChallengeCount>("/api/v1/statistics/challenges");
        Assert.Equal(
            [
                new("DifferingEvidentiaryRequirements", null, 2), new("DifferingEvidentiaryRequirements", "Frozen", 2),
                new("DifferingEvidentiaryRequirements", "Confiscated", 2), new("DifferingEvidentiaryRequirements", "Returned", 1),
                new("ForeignConfiscationOrderEnforcement", null, 1), new("ForeignConfiscationOrderEnforcement", "Frozen", 1),
                new("ForeignConfiscationOrderEnforcement", "Confiscated", 1),
            ],
            rows);
    }

    public static TheoryData<string, string> Groupings => new()
    {
        { "year", "" }, { "region", "" }, { "route", "" }, { "state", "" }, { "offence", "" }, { "assettype", "" },
        { "year", "&region=African" }, { "state", "&yearFrom=2014&yearTo=2016" }, { "region", "&stage=Confiscated" },
    };

    private sealed record Linked(int Cases, string CasesLink);

    /// <summary>Every figure of every grouping, filtered or not, links to a case list holding exactly its cases: the link the
    /// API gives is checked, and so is the meaning of the case list's parameters, written here by hand.</summary>
    [Theory]
    [MemberData(nameof(Groupings))]
    public async Task Every_volume_links_to_a_case_list_with_exactly_its_cases(string by, string filters)
    {
        var path = $"/api/v1/statistics/volumes?by={by}{filters}";
        var rows = await GetAsync<Volume>(path);
        var links = await GetAsync<Linked>(path);
        Assert.NotEmpty(rows);
        foreach (var (row, linked) in rows.Zip(links))
        {
            var group = by switch
            {
                "year" => $"yearFrom={row.Group}&yearTo={row.Group}",
                "assettype" => $"assetType={row.Group}",
                _ => $"{by}={row.Group}",
            };
            var query = $"stage={row.Stage}&{group}{filters.Replace("&stage=" + row.Stage, "", StringComparison.Ordinal)}";
            Assert.True(row.Cases == await CaseCountAsync(query), $"{by} {row.Group} {row.Stage}: {row.Cases} cases, but /cases?{query} lists another number");
            Assert.StartsWith("/cases?", linked.CasesLink, StringComparison.Ordinal);
            Assert.True(row.Cases == await CaseCountAsync(linked.CasesLink["/cases?".Length..]), $"{by} {row.Group} {row.Stage}: {row.Cases} cases, but {linked.CasesLink} lists another number");
        }
    }

    [Fact]
    public async Task Every_flow_and_challenge_links_to_its_cases()
    {
        foreach (var flow in await GetAsync<Linked>("/api/v1/statistics/flows"))
        {
            Assert.Equal(flow.Cases, await CaseCountAsync(flow.CasesLink["/cases?".Length..]));
        }

        foreach (var challenge in await GetAsync<Linked>("/api/v1/statistics/challenges?yearFrom=2012"))
        {
            Assert.Equal(challenge.Cases, await CaseCountAsync(challenge.CasesLink["/cases?".Length..]));
        }
    }

    [Fact]
    public async Task The_dashboard_shows_each_stages_total_with_a_link_to_its_cases_and_every_chart_with_its_text_alternative()
    {
        var html = await world.CreateClient().GetStringAsync("/statistics?culture=en");
        // Frozen: 1,000 + 1,400 + 220 (the yen figure has no rate and is counted apart).
        // English writes the code first, joined by a no-break space (UnFormat.Money), which HTML encoding writes as an entity.
        Assert.Matches("USD(&#xA0;|\u00A0)2,620", html);
        Assert.Contains("without exchange rate (not in the total): 1", html, StringComparison.Ordinal);
        foreach (var chart in RecoveryWatch.Web.Pages.Statistics.Dashboard.ChartIds)
        {
            Assert.Contains($"aria-labelledby=\"{chart}-title {chart}-desc\"", html, StringComparison.Ordinal);
            Assert.Contains($"/api/v1/statistics/charts/{chart}.png", html, StringComparison.Ordinal);
        }

        // The map shades the requested States with frozen assets, each linked to its cases.
        Assert.Contains("data-state=\"GBR\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/cases?stage=Frozen&amp;state=GBR&amp;role=Requested\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);

        var arabic = await world.CreateClient().GetStringAsync("/statistics?culture=ar");
        Assert.Contains("dir=\"rtl\"", arabic, StringComparison.Ordinal);
        Assert.Contains("الإحصاءات", arabic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downloads_hold_the_figures_of_the_API_in_every_format()
    {
        var client = world.CreateClient();
        var csv = await client.GetStringAsync("/api/v1/statistics/charts/by-year.csv?stage=Frozen&culture=en");
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Year,Stage,Cases,US dollars,Cases without exchange rate", lines[0]);
        Assert.Contains("2014,Frozen,1,1400,0", lines);
        Assert.Contains("2012,Frozen,1,0,1", lines);

        var xlsx = await client.GetByteArrayAsync("/api/v1/statistics/charts/map.xlsx?stage=Frozen&culture=en");
        var rows = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var britain = rows.Single(r => (string)r["State"] == "United Kingdom of Great Britain and Northern Ireland");
        Assert.Equal(1_400m, Convert.ToDecimal(britain["US dollars"], CultureInfo.InvariantCulture));

        var svg = await client.GetStringAsync("/api/v1/statistics/charts/durations.svg");
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("<title id=\"durations-title\">", svg, StringComparison.Ordinal);
        var png = await client.GetByteArrayAsync("/api/v1/statistics/charts/by-region.png?culture=zh");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    [Theory]
    [InlineData("/api/v1/statistics/durations?stalledAfter=0", "stalledAfter")]
    [InlineData("/api/v1/statistics/flows?region=Atlantis", "region")]
    [InlineData("/api/v1/statistics/volumes?by=year&yearFrom=12", "yearFrom")]
    [InlineData("/api/v1/statistics/challenges?stage=Frozen,Seized", "stage")]
    [InlineData("/api/v1/statistics/charts/pie.svg", "chart")]
    [InlineData("/api/v1/statistics/charts/map.gif", "format")]
    [InlineData("/api/v1/statistics/charts/map.svg?mapRole=Transit", "mapRole")]
    public async Task A_bad_parameter_is_a_problem_naming_it(string path, string field)
    {
        var response = await world.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    private async Task<int> CaseCountAsync(string query)
    {
        var list = await world.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=100&" + query);
        return list.GetProperty("total").GetInt32();
    }
}

public sealed class SqliteDashboardStatisticsTests(SqliteDashboardWorld world) : DashboardStatisticsTests(world), IClassFixture<SqliteDashboardWorld>;

public sealed class PostgresDashboardStatisticsTests(PostgresDashboardWorld world) : DashboardStatisticsTests(world), IClassFixture<PostgresDashboardWorld>;
