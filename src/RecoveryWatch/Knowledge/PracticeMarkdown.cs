using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RecoveryWatch.Knowledge;

/// <summary>
/// The one way a practice's Markdown becomes HTML, for the page, the API and the Atom feed alike. Two locks: Markdig is told
/// not to pass raw HTML through (it is shown as text), and its output is then cleaned by HtmlSanitizer with an allow-list of
/// the elements Markdown itself produces and of link schemes (http, https, mailto) — so no script, event handler, style,
/// <c>javascript:</c> or <c>data:</c> address, SVG or frame survives, however the Markdown is written. Links leave with
/// rel="nofollow noopener": the text comes from outside the Secretariat.
/// </summary>
public static class PracticeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    private static readonly string[] AllowedTags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del", "sub", "sup",
        "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    ];

    /// <summary>A sanitizer is not documented as safe for concurrent use: one per call costs little beside the parse.</summary>
    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "src", "alt", "title", "start", "align", "rel"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener");
            }
        };
        return sanitizer;
    }

    /// <summary>Safe HTML for <paramref name="markdown"/>: the only rendering of a practice's text anywhere.</summary>
    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            // Images from anywhere would let a practice track its readers (and CSP allows only this site's): shown as links.
            link.IsImage = false;
        }

        var html = document.ToHtml(Pipeline);
        return CreateSanitizer().Sanitize(html);
    }

    /// <summary>Plain text of the Markdown (for the feed's summary and the page description): no markup at all.</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? string.Empty : Markdown.ToPlainText(markdown, Pipeline).Trim();
}
