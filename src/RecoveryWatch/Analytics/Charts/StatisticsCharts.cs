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
/// fonts-noto-cjk), so Chinese and Arabic labels never come out as boxes. Safe to call concurrently: each call builds its
/// own plot (renders are serialized, see <see cref="Gate"/>).
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

    /// <summary>ScottPlot keeps typefaces in a process-wide cache, and a Noto Sans CJK typeface taken from that cache on a
    /// later render is measured wrong (the tops of the characters are clipped). Each render therefore starts from an empty
    /// cache, one render at a time, as the cache is shared.</summary>
    private static readonly Lock Gate = new();

    /// <summary>The chart as an SVG document of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static string Svg(GroupedBarChart chart, string language, int width, int height)
    {
        lock (Gate)
        {
            Fonts.Reset();
            return Build(chart, language, width).GetSvgXml(width, height);
        }
    }

    /// <summary>The chart as a PNG image of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] Png(GroupedBarChart chart, string language, int width, int height)
    {
        lock (Gate)
        {
            Fonts.Reset();
            return Build(chart, language, width).GetImageBytes(width, height, ImageFormat.Png);
        }
    }

    /// <summary>Breaks a category label into lines of at most <paramref name="width"/> units — a Latin, Cyrillic or
    /// Arabic letter is one unit, a Chinese character two — between words, or between characters in Chinese, which has no
    /// spaces, so that long labels such as regional groups do not run into each other.</summary>
    public static string Wrap(string label, int width)
    {
        static int Units(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);
        if (Units(label) <= width)
        {
            return label;
        }

        var words = label.Contains(' ', StringComparison.Ordinal) ? label.Split(' ') : [.. label.Select(c => c.ToString())];
        var separator = label.Contains(' ', StringComparison.Ordinal) ? " " : string.Empty;
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : line + separator + word;
            if (line.Length > 0 && Units(candidate) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        lines.Add(line);
        return string.Join('\n', lines);
    }

    private static Plot Build(GroupedBarChart chart, string language, int width)
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
        // About 8 pixels a unit at the default 12-pixel tick font, leaving a margin between neighbouring categories.
        var unitsPerCategory = Math.Max(8, width / Math.Max(chart.Categories.Count, 1) / 9);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, chart.Categories.Count).Select(c => Position(c, chart.Categories.Count, rtl))], [.. chart.Categories.Select(c => Wrap(c, unitsPerCategory))]);
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
        var family = FontFamily(language);
        plot.Font.Set(family);
        if (family.Contains("CJK", StringComparison.Ordinal))
        {
            // ScottPlot 5.1 measures a legend label in Noto Sans CJK too short and clips the top of the characters; letting
            // it pick the font per label measures them right.
            plot.Legend.SetBestFontOnEachRender = true;
        }
        else
        {
            plot.Legend.FontName = family;
        }

        return plot;
    }

    /// <summary>Right-to-left readers read the categories (years, regions) from right to left.</summary>
    private static double Position(int category, int count, bool rtl) => rtl ? count - 1 - category : category;
}
