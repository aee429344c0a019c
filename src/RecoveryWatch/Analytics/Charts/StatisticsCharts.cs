using ScottPlot;

namespace RecoveryWatch.Analytics.Charts;

/// <summary>One named series of a grouped bar chart: a value for each category, in the order of the chart's categories.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>
/// A grouped bar chart, already in the reader's language: one group of bars per category (a year, a regional group), one
/// bar per series (a stage) in each group, with a legend naming the series.
/// </summary>
/// <param name="Title">Shown above the chart; empty for none (a Word figure carries its own caption).</param>
/// <param name="Categories">The groups along the horizontal axis, in display order.</param>
/// <param name="Series">The bars of each group, in display order; each has exactly one value per category.</param>
/// <param name="ValueAxisLabel">The unit of the values, on the vertical axis (e.g. "Millions of United States dollars").</param>
public sealed record GroupedBarChart(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, string ValueAxisLabel = "");

/// <summary>
/// Renders statistics charts with ScottPlot, as SVG for web pages and PNG for Word documents, in any of the six UN
/// languages. Text is drawn in a Noto family that has the glyphs of the language (Debian fonts-noto-core and
/// fonts-noto-cjk), so Chinese and Arabic labels never come out as boxes. Stateless and safe to call concurrently: each
/// call builds its own plot.
/// </summary>
public static class StatisticsCharts
{
    /// <summary>Colours of the series, in order, told apart also in grey print (dark blue, orange, green, dark red, …).</summary>
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1F4E79"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#A6192E"),
        Color.FromHex("#56B4E9"), Color.FromHex("#CC79A7"), Color.FromHex("#7F7F7F"),
    ];

    /// <summary>The Noto family that covers <paramref name="language"/>: CJK for Chinese (it also has Latin letters and
    /// digits), Arabic for Arabic, Noto Sans for the Latin and Cyrillic languages.</summary>
    public static string FontFamily(string language) => ReferenceData.Languages.Normalize(language) switch
    {
        "zh" => "Noto Sans CJK SC",
        "ar" => "Noto Sans Arabic",
        _ => "Noto Sans",
    };

    /// <summary>The chart as an SVG document of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static string Svg(GroupedBarChart chart, string language, int width, int height) =>
        Build(chart, language).GetSvgXml(width, height);

    /// <summary>The chart as a PNG image of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] Png(GroupedBarChart chart, string language, int width, int height) =>
        Build(chart, language).GetImageBytes(width, height, ImageFormat.Png);

    private static Plot Build(GroupedBarChart chart, string language)
    {
        if (chart.Series.Any(s => s.Values.Count != chart.Categories.Count))
        {
            throw new ArgumentException("Each series needs one value per category.", nameof(chart));
        }

        var plot = new Plot();
        var rtl = ReferenceData.Languages.IsRightToLeft(language);
        var seriesCount = Math.Max(chart.Series.Count, 1);

        // Each category takes one unit on the axis: its bars share 80 % of it, centred on the category's position, so the
        // groups stay apart whatever the number of series.
        const double groupWidth = 0.8;
        var barWidth = groupWidth / seriesCount;
        var bars = new List<Bar>();
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            for (var c = 0; c < chart.Categories.Count; c++)
            {
                bars.Add(new Bar
                {
                    Position = Position(c, chart.Categories.Count, rtl) - (groupWidth / 2) + (barWidth * (s + 0.5)),
                    Value = chart.Series[s].Values[c],
                    Size = barWidth * 0.92,
                    FillColor = colour,
                    LineWidth = 0,
                });
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = chart.Series[s].Name, FillColor = colour });
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, chart.Categories.Count).Select(c => Position(c, chart.Categories.Count, rtl))], [.. chart.Categories]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.Grid.XAxisStyle.IsVisible = false;
        if (chart.Title.Length > 0)
        {
            plot.Title(chart.Title);
        }

        if (chart.ValueAxisLabel.Length > 0)
        {
            plot.YLabel(chart.ValueAxisLabel);
        }

        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;

        // Fonts last: they apply to every text already on the plot — title, axis labels, ticks and legend.
        plot.Font.Set(FontFamily(language));
        plot.Legend.FontName = FontFamily(language);
        return plot;
    }

    /// <summary>Right-to-left readers read the categories (years, regions) from right to left.</summary>
    private static double Position(int category, int count, bool rtl) => rtl ? count - 1 - category : category;
}
