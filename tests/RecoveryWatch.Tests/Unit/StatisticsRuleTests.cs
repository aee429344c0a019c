using RecoveryWatch.Analytics;
using RecoveryWatch.Analytics.Charts;

namespace RecoveryWatch.Tests.Unit;

public sealed class StatisticsRuleTests
{
    [Fact]
    public void Durations_take_median_and_quartiles_by_linear_interpolation_and_bucket_by_whole_years()
    {
        var summary = DurationStatistics.Summarize([1_461, 181, 730]);
        Assert.Equal((3, 730d, 455.5d, 1_095.5d), (summary.Cases, summary.MedianDays, summary.LowerQuartileDays, summary.UpperQuartileDays));
        Assert.Equal([1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0], summary.Distribution);

        // An even count: the median is halfway between the two middle values; ten years and more share the last bucket.
        var even = DurationStatistics.Summarize([100, 200, 5_000, 9_000]);
        Assert.Equal(2_600d, even.MedianDays);
        Assert.Equal(2, even.Distribution[^1]);

        var none = DurationStatistics.Summarize([]);
        Assert.Equal((0, (double?)null), (none.Cases, none.MedianDays));
    }

    [Fact]
    public void The_map_shades_quintiles_darker_for_larger_values_and_leaves_States_without_figures_grey()
    {
        var values = Enumerable.Range(1, 10).Select(i => (decimal)i).ToList();
        var breaks = WorldMap.Breaks(values);
        Assert.Equal([2m, 4m, 6m, 8m, 10m], breaks);
        Assert.Equal(WorldMap.Classes[0], WorldMap.ColourOf(1m, breaks));
        Assert.Equal(WorldMap.Classes[^1], WorldMap.ColourOf(10m, breaks));

        // One value: the darkest class, not the lightest.
        Assert.Equal(WorldMap.Classes[^1], WorldMap.ColourOf(5m, WorldMap.Breaks([5m])));

        var svg = WorldMap.Svg(new Dictionary<string, MapValue> { ["KEN"] = new(5m, "Kenya: USD 5", "/cases?state=KEN") }, "Map", "A map", v => "USD " + v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("<a href=\"/cases?state=KEN\"><path", svg, StringComparison.Ordinal);
        Assert.Contains($"fill=\"{WorldMap.NoData}\"", svg, StringComparison.Ordinal);
        Assert.Contains("≤ USD 5", svg, StringComparison.Ordinal);
        Assert.Contains("KEN", WorldMap.Drawn);
    }
}
