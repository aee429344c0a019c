using System.Globalization;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Analytics;
using RecoveryWatch.Analytics.Charts;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Statistics;

/// <summary>A row of the table behind a chart: its values (labels as text, figures as numbers, so the CSV and XLSX keep
/// them as numbers) and the list of the cases behind it.</summary>
public sealed record TableRow(IReadOnlyList<object> Values, string? Link)
{
    /// <summary>The values as the page shows them, figures in the reader's culture.</summary>
    public IEnumerable<string> Cells(CultureInfo culture) => Values.Select(v => v switch
    {
        int i => UnFormat.Number(i, culture),
        decimal d => UnFormat.Number(d, 0, culture),
        _ => Convert.ToString(v, culture) ?? "",
    });
}

/// <summary>The table behind a chart, as the page shows it and the CSV and XLSX downloads hold it.</summary>
public sealed record ChartTable(IReadOnlyList<string> Columns, IReadOnlyList<TableRow> Rows);

/// <summary>One chart of the dashboard: its title, its text alternative, the table behind it and its two drawings.</summary>
public sealed class DashboardChart(string id, string title, string textAlternative, ChartTable table, Func<string> svg, Func<byte[]> png)
{
    public string Id { get; } = id;
    public string Title { get; } = title;
    public string TextAlternative { get; } = textAlternative;
    public ChartTable Table { get; } = table;
    public string Svg() => svg();
    public byte[] Png() => png();
}

/// <summary>A headline figure: one stage's cases and US-dollar total, with the cases without a rate.</summary>
public sealed record Headline(Stage Stage, string Label, int Cases, decimal Usd, int CasesWithoutRate, string Link);

/// <summary>
/// The statistics dashboard's content for one reader, language and set of filters: headline figures and the charts, each
/// with the table behind it and links to the cases. The page and the downloads (SVG, PNG, CSV, XLSX) both build from
/// here, so a download is always the chart the reader saw.
/// </summary>
public sealed class Dashboard(VolumeStatistics volumes, DurationStatistics durations, FlowStatistics flows, ChallengeStatistics challenges, IStringLocalizer<SharedResource> l,
    RecoveryWatch.Knowledge.ChallengeTaxonomy taxonomy)
{
    public static readonly IReadOnlyList<string> ChartIds = ["by-year", "by-region", "map", "flows", "durations", "challenges"];

    private const int ChartWidth = 760;
    private const int ChartHeight = 380;
    private const int TopFlows = 15;

    /// <param name="Durations">Null when only another chart was asked for.</param>
    public sealed record Content(IReadOnlyList<Headline> Headlines, IReadOnlyList<DashboardChart> Charts, DurationStatisticsResult? Durations, Stage MapStage, StateRole MapRole);

    public async Task<Content> BuildAsync(CaseReader reader, StatisticsFilter filter, StateRole mapRole, string? only = null, CancellationToken cancellationToken = default)
    {
        var language = Localization.CurrentLanguage;
        var culture = CultureInfo.CurrentCulture;
        var catalog = ReferenceCatalog.Default;
        string StageName(Stage s) => catalog.Stages[s.ToString()].Name(language);
        string Count(int v) => UnFormat.Number(v, culture);
        bool Wanted(string id) => only is null || only == id;
        string Dollars(decimal v) => UnFormat.Usd(v, culture);

        var byYear = await volumes.HandleAsync(VolumeGrouping.Year, reader, null, filter, cancellationToken);
        var mapStage = filter.Stage ?? Stage.Frozen;
        var charts = new List<DashboardChart>();
        var stages = byYear.Select(r => r.Stage).Distinct().Order().ToList();

        var headlines = stages.Select(s => new Headline(
            s,
            StageName(s),
            byYear.Where(r => r.Stage == s).Sum(r => r.Cases),
            byYear.Where(r => r.Stage == s).Sum(r => r.UsdTotal),
            byYear.Where(r => r.Stage == s).Sum(r => r.CasesWithoutRate),
            (filter with { Stage = s }).CasesLink())).ToList();

        string[] volumeColumns = [l["Statistics.Column.Stage"], l["Statistics.Column.Cases"], l["Statistics.Column.Usd"], l["Statistics.Column.WithoutRate"]];

        if (Wanted("by-year"))
        {
            var years = byYear.Select(r => r.Group).Distinct().Order(StringComparer.Ordinal).ToList();
            var chart = new GroupedBarChart("", years, [.. stages.Select(s => new ChartSeries(StageName(s), [.. years.Select(y => (double)(byYear.FirstOrDefault(r => r.Group == y && r.Stage == s)?.UsdTotal ?? 0m))]))], l["Statistics.Axis.Usd"]);
            var table = new ChartTable(
                [l["Statistics.Column.Year"], .. volumeColumns],
                [.. byYear.OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Stage).Select(r => new TableRow(
                    [r.Group, StageName(r.Stage), r.Cases, r.UsdTotal, r.CasesWithoutRate],
                    r.CasesLink))]);
            charts.Add(Bars("by-year", l["Statistics.Chart.ByYear"], chart, table));
        }

        if (Wanted("by-region"))
        {
            var byRegion = await volumes.HandleAsync(VolumeGrouping.Region, reader, null, filter, cancellationToken);
            var regions = Enum.GetValues<RegionalGroup>().Where(g => byRegion.Any(r => r.Group == g.ToString())).ToList();
            string RegionName(string code) => catalog.RegionalGroups[code].Name(language);
            var chart = new GroupedBarChart("", [.. regions.Select(g => RegionName(g.ToString()))],
                [.. stages.Select(s => new ChartSeries(StageName(s), [.. regions.Select(g => (double)(byRegion.FirstOrDefault(r => r.Group == g.ToString() && r.Stage == s)?.UsdTotal ?? 0m))]))], l["Statistics.Axis.Usd"]);
            var table = new ChartTable(
                [l["Statistics.Column.Region"], .. volumeColumns],
                [.. byRegion.Select(r => new TableRow(
                    [RegionName(r.Group), StageName(r.Stage), r.Cases, r.UsdTotal, r.CasesWithoutRate],
                    r.CasesLink))]);
            charts.Add(Bars("by-region", l["Statistics.Chart.ByRegion"], chart, table));
        }

        if (Wanted("map"))
        {
            var byState = (await volumes.HandleAsync(VolumeGrouping.State, reader, mapRole, filter with { Stage = mapStage }, cancellationToken))
                .Where(r => r.Stage == mapStage).OrderByDescending(r => r.UsdTotal).ThenBy(r => r.Group, StringComparer.Ordinal).ToList();
            var title = l["Statistics.Chart.Map", StageName(mapStage), catalog.StateRoles[mapRole.ToString()].Name(language)];
            var rows = byState.Select(r => new TableRow(
                [catalog.StateName(r.Group, language), r.Cases, r.UsdTotal, r.CasesWithoutRate],
                r.CasesLink)).ToList();
            var values = byState.Zip(rows).ToDictionary(
                p => p.First.Group,
                p => new MapValue(p.First.UsdTotal, $"{p.Second.Values[0]}: {Dollars(p.First.UsdTotal)} ({l["Statistics.CasesCount", Count(p.First.Cases)]})", p.Second.Link),
                StringComparer.Ordinal);
            var missing = byState.Count(r => !WorldMap.Drawn.Contains(r.Group));
            var alternative = l.Plural("Statistics.Map.AlternativeCount", byState.Count, Count(missing));
            charts.Add(new DashboardChart("map", title, alternative,
                new ChartTable([l["Statistics.Column.State"], l["Statistics.Column.Cases"], l["Statistics.Column.Usd"], l["Statistics.Column.WithoutRate"]], rows),
                () => WorldMap.Svg(values, title, alternative, Dollars), () => WorldMap.Png(values)));
        }

        if (Wanted("flows"))
        {
            var flowRows = (await flows.HandleAsync(reader, filter with { Stage = mapStage }, cancellationToken)).Take(TopFlows).ToList();
            string Pair(FlowRow f) => catalog.StateName(f.Requesting, language) + " → " + catalog.StateName(f.Requested, language);
            var chart = new GroupedBarChart("", [.. flowRows.Select(f => f.Requesting + " → " + f.Requested)], [new ChartSeries(StageName(mapStage), [.. flowRows.Select(f => (double)f.UsdTotal)])], l["Statistics.Axis.Usd"]);
            var table = new ChartTable(
                [l["Statistics.Column.Flow"], l["Statistics.Column.Cases"], l["Statistics.Column.Usd"], l["Statistics.Column.WithoutRate"]],
                [.. flowRows.Select(f => new TableRow([Pair(f), f.Cases, f.UsdTotal, f.CasesWithoutRate],
                    f.CasesLink))]);
            charts.Add(Bars("flows", l["Statistics.Chart.Flows", StageName(mapStage), TopFlows], chart, table));
        }

        // A download of another chart does not pay for the durations (they read every case's dates).
        var durationResult = Wanted("durations") ? await durations.HandleAsync(reader, filter, cancellationToken: cancellationToken) : null;
        if (durationResult is not null)
        {
            var buckets = Enumerable.Range(0, DurationStatistics.DistributionYears + 1)
                .Select(i => i == DurationStatistics.DistributionYears ? l["Statistics.Duration.YearsOrMore", i].Value : l["Statistics.Duration.Years", i, i + 1].Value).ToList();
            var toConfiscation = l["Statistics.Duration.ToConfiscation"].Value;
            var toReturn = l["Statistics.Duration.ToReturn"].Value;
            var chart = new GroupedBarChart("", buckets,
                [new ChartSeries(toConfiscation, [.. durationResult.FreezingToConfiscation.Distribution.Select(c => (double)c)]), new ChartSeries(toReturn, [.. durationResult.FreezingToReturn.Distribution.Select(c => (double)c)])],
                l["Statistics.Axis.Cases"]);
            var table = new ChartTable(
                [l["Statistics.Column.Duration"], toConfiscation, toReturn],
                [.. buckets.Select((b, i) => new TableRow([b, durationResult.FreezingToConfiscation.Distribution[i], durationResult.FreezingToReturn.Distribution[i]], null))]);
            charts.Add(Bars("durations", l["Statistics.Chart.Durations"], chart, table));
        }

        if (Wanted("challenges"))
        {
            var rows = (await challenges.HandleAsync(reader, filter, cancellationToken)).Where(r => r.Stage is null).ToList();
            var types = await taxonomy.GetAsync(cancellationToken);
            string ChallengeName(string code) => types.Name(code, language);
            var chart = new GroupedBarChart("", [.. rows.Select(r => ChallengeName(r.Challenge))], [new ChartSeries(l["Statistics.Column.Cases"], [.. rows.Select(r => (double)r.Cases)])], l["Statistics.Axis.Cases"]);
            var table = new ChartTable(
                [l["Statistics.Column.Challenge"], l["Statistics.Column.Cases"]],
                [.. rows.Select(r => new TableRow([ChallengeName(r.Challenge), r.Cases], r.CasesLink))]);
            charts.Add(Bars("challenges", l["Statistics.Chart.Challenges"], chart, table));
        }

        return new Content(headlines, charts, durationResult, mapStage, mapRole);

        DashboardChart Bars(string id, string title, GroupedBarChart chart, ChartTable table)
        {
            var alternative = l.Plural("Statistics.Bars.AlternativeCount", table.Rows.Count, title);
            return new DashboardChart(id, title, alternative, table,
                () => AccessibleSvg(StatisticsCharts.Svg(chart, language, ChartWidth, ChartHeight), id, title, alternative),
                () => StatisticsCharts.Png(chart, language, ChartWidth, ChartHeight));
        }
    }

    /// <summary>ScottPlot's SVG has a fixed size and no name: it is made to scale with the page and given its title and
    /// text alternative, so screen readers announce it as one image.</summary>
    private static string AccessibleSvg(string svg, string id, string title, string alternative)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var end = svg.IndexOf('>', start);
        var open = svg[start..end];
        var size = System.Text.RegularExpressions.Regex.Match(open, "width=\"(\\d+)\" height=\"(\\d+)\"");
        var viewBox = open.Contains("viewBox", StringComparison.Ordinal) || !size.Success ? "" : $" viewBox=\"0 0 {size.Groups[1].Value} {size.Groups[2].Value}\"";
        var named = $"{open}{viewBox} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\"><title id=\"{id}-title\">{System.Net.WebUtility.HtmlEncode(title)}</title><desc id=\"{id}-desc\">{System.Net.WebUtility.HtmlEncode(alternative)}</desc>";
        // Inline in a page the XML declaration before the element is not allowed; a standalone file does not need it.
        return named + svg[(end + 1)..];
    }
}
