using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SkiaSharp;

namespace RecoveryWatch.Analytics.Charts;

/// <summary>One State on the map: its value, the text of its tooltip and the link to its cases.</summary>
public sealed record MapValue(decimal Value, string Label, string? Link);

/// <summary>
/// A choropleth of the world: each State shaded by its value in five classes, States without a value in grey. Drawn from
/// the Natural Earth country shapes kept as reference data (projected once to SVG paths keyed by ISO 3166-1 alpha-3; see
/// ReferenceData/Data/SOURCES.md). ScottPlot has no maps, so the SVG is written here; the PNG draws the same paths.
/// </summary>
public static class WorldMap
{
    /// <summary>Light to dark blue (ColorBrewer "Blues", five classes): readable in grey print and by colour-blind readers.</summary>
    public static readonly IReadOnlyList<string> Classes = ["#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C"];

    public const string NoData = "#E4E4E4";

    private static readonly Lazy<Shapes> Map = new(Load);

    /// <summary>ISO codes of the States the map can draw (small island States and some others are too small at 1:110m).</summary>
    public static IReadOnlySet<string> Drawn => Map.Value.ByState.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Upper bounds of the five classes: quintiles of the values, so each class holds about as many States.</summary>
    public static IReadOnlyList<decimal> Breaks(IEnumerable<decimal> values)
    {
        var sorted = values.Where(v => v > 0).Order().ToArray();
        if (sorted.Length == 0)
        {
            return [];
        }

        return [.. Enumerable.Range(1, Classes.Count).Select(i => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * i / (double)Classes.Count) - 1)]).Distinct()];
    }

    public static string ColourOf(decimal value, IReadOnlyList<decimal> breaks)
    {
        for (var i = 0; i < breaks.Count; i++)
        {
            if (value <= breaks[i])
            {
                // With fewer distinct breaks than classes, spread them over the whole scale.
                return Classes[breaks.Count == 1 ? Classes.Count - 1 : i * (Classes.Count - 1) / (breaks.Count - 1)];
            }
        }

        return Classes[^1];
    }

    /// <summary>The map as an SVG element for a page (no fixed size: it scales to its container) or a file.</summary>
    /// <param name="title">The accessible name and the text alternative of the map.</param>
    /// <param name="format">Writes a class bound in the reader's culture, for the legend.</param>
    public static string Svg(IReadOnlyDictionary<string, MapValue> values, string title, string description, Func<decimal, string> format, bool standalone = false)
    {
        var map = Map.Value;
        var breaks = Breaks(values.Values.Select(v => v.Value));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{map.ViewBox}\" role=\"group\" aria-labelledby=\"map-title map-desc\" class=\"world-map\"");
        svg.Append(standalone ? " width=\"960\" height=\"480\">" : ">");
        svg.Append("<title id=\"map-title\">").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        svg.Append("<desc id=\"map-desc\">").Append(WebUtility.HtmlEncode(description)).Append("</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{map.Sphere}\" fill=\"#F5F9FC\" stroke=\"#B0B0B0\" stroke-width=\"0.5\"/>");
        foreach (var (code, path) in map.ByState)
        {
            if (values.TryGetValue(code, out var value))
            {
                var shape = $"<path d=\"{path}\" fill=\"{ColourOf(value.Value, breaks)}\" stroke=\"#FFFFFF\" stroke-width=\"0.4\" data-state=\"{code}\"><title>{WebUtility.HtmlEncode(value.Label)}</title></path>";
                svg.Append(value.Link is null ? shape : $"<a href=\"{WebUtility.HtmlEncode(value.Link)}\">{shape}</a>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"{NoData}\" stroke=\"#FFFFFF\" stroke-width=\"0.4\"/>");
            }
        }

        var legend = Legend(breaks, format);
        for (var i = 0; i < legend.Count; i++)
        {
            var y = 330 + (i * 20);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"40\" y=\"{y}\" width=\"14\" height=\"14\" fill=\"{legend[i].Colour}\" stroke=\"#808080\" stroke-width=\"0.5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"60\" y=\"{y + 12}\" font-size=\"12\" font-family=\"Noto Sans, sans-serif\" direction=\"ltr\">{WebUtility.HtmlEncode(legend[i].Label)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The same map as a PNG image of 960 × 480 pixels, with its legend (without links or tooltips). The legend's
    /// bounds are written "USD 1,234,567" in every language.</summary>
    public static byte[] Png(IReadOnlyDictionary<string, MapValue> values)
    {
        var map = Map.Value;
        var breaks = Breaks(values.Values.Select(v => v.Value));
        using var surface = SKSurface.Create(new SKImageInfo(960, 480));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        using var stroke = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeWidth = 0.5f, Color = SKColors.White };
        using (var sphere = SKPath.ParseSvgPathData(map.Sphere))
        {
            fill.Color = SKColor.Parse("#F5F9FC");
            canvas.DrawPath(sphere, fill);
        }

        foreach (var (code, data) in map.ByState)
        {
            using var path = SKPath.ParseSvgPathData(data);
            fill.Color = SKColor.Parse(values.TryGetValue(code, out var value) ? ColourOf(value.Value, breaks) : NoData);
            canvas.DrawPath(path, fill);
            canvas.DrawPath(path, stroke);
        }

        using var text = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        // Noto Sans CJK has "≤" (Noto Sans has not); the legend's figures are written with Western digits, as in the note.
        using var typeface = SKTypeface.FromFamilyName("Noto Sans CJK SC");
        using var font = new SKFont(typeface, 12);
        using var outline = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeWidth = 0.5f, Color = SKColors.Gray };
        var legend = Legend(breaks, v => "USD " + v.ToString("N0", CultureInfo.InvariantCulture));
        for (var i = 0; i < legend.Count; i++)
        {
            var y = 330 + (i * 20);
            fill.Color = SKColor.Parse(legend[i].Colour);
            canvas.DrawRect(40, y, 14, 14, fill);
            canvas.DrawRect(40, y, 14, 14, outline);
            canvas.DrawText(legend[i].Label, 60, y + 12, font, text);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>One swatch per class with its upper bound, and the colour of States without figures.</summary>
    private static List<(string Colour, string Label)> Legend(IReadOnlyList<decimal> breaks, Func<decimal, string> format) =>
        [.. breaks.Select(b => (ColourOf(b, breaks), "≤ " + format(b))), (NoData, "—")];

    private sealed record Shapes(string ViewBox, string Sphere, IReadOnlyDictionary<string, string> ByState);

    private static Shapes Load()
    {
        using var stream = typeof(WorldMap).Assembly.GetManifestResourceStream("RecoveryWatch.ReferenceData.world-map.json")
            ?? throw new InvalidOperationException("The world map is missing from the assembly.");
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var shapes = root.GetProperty("shapes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new Shapes(root.GetProperty("viewBox").GetString()!, root.GetProperty("sphere").GetString()!, shapes);
    }
}
