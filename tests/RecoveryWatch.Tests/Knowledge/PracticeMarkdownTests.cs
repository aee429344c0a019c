using RecoveryWatch.Knowledge;

namespace RecoveryWatch.Tests.Knowledge;

/// <summary>Markdown from outside the Secretariat rendered harmless: whatever the payload, the HTML carries no script, no
/// event handler, no script-bearing address, no SVG, frame, form or style — and ordinary Markdown still renders.</summary>
public sealed class PracticeMarkdownTests
{
    internal static readonly string[] PayloadList =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><circle r=10 /></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1)  )",
        "[click](java&#x73;cript:alert(1))",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x\" onerror=\"alert(1)](https://example.org/a.png)",
        "[x](https://example.org/\" onclick=\"alert(1))",
        "[x]: javascript:alert(1)\n\n[link][x]",
        "<javascript:alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<form action=\"https://evil.example\"><input type=submit></form>",
        "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;img src=x onerror=alert(1)&#62;",
        "<details open ontoggle=alert(1)>",
        "<body onload=alert(1)>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:/\">",
        "```html\n<script>alert(1)</script>\n```",
        "`<img src=x onerror=alert(1)>`",
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
        "<!-- --><script>alert(1)</script>",
        "<<script>script>alert(1)<</script>/script>",
    ];

    public static readonly TheoryData<string> Payloads = new(PayloadList);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_payload_is_rendered_harmless(string payload)
    {
        var html = PracticeMarkdown.ToSafeHtml("Intro\n\n" + payload + "\n\nEnd");
        AssertHarmless(html);
    }

    [Fact]
    public void Ordinary_Markdown_renders_and_links_leave_with_nofollow_noopener()
    {
        var html = PracticeMarkdown.ToSafeHtml("## Steps\n\n**One** and *two*\n\n- a\n- b\n\n[UNODC](https://www.unodc.org/)\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("<strong>One</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<li>a</li>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Matches("<a href=\"https://www.unodc.org/\" rel=\"nofollow noopener\">UNODC</a>", html);
    }

    [Fact]
    public void Raw_HTML_is_shown_as_text_not_markup()
    {
        var html = PracticeMarkdown.ToSafeHtml("<b>bold?</b>");
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", html, StringComparison.Ordinal);
    }

    /// <summary>No element, attribute or address that can run anything, read as a browser reads the HTML (text that merely
    /// looks like markup, such as an escaped &lt;script&gt;, is harmless).</summary>
    internal static void AssertHarmless(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        string[] forbidden = ["script", "svg", "iframe", "object", "embed", "style", "form", "input", "button", "meta", "base", "math", "link", "frame", "details", "img", "video", "audio", "template"];
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            var name = element.LocalName.ToLowerInvariant();
            Assert.False(forbidden.Contains(name), $"<{name}> in: {html}");
            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name.ToLowerInvariant();
                Assert.False(attributeName.StartsWith("on", StringComparison.Ordinal), $"{attributeName} on <{name}> in: {html}");
                Assert.False(attributeName is "style" or "srcdoc" or "formaction" or "xlink:href", $"{attributeName} on <{name}> in: {html}");
                if (attributeName is "href" or "src" or "action" or "data" or "poster" or "background")
                {
                    var address = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                    Assert.True(address.StartsWith("http://", StringComparison.Ordinal) || address.StartsWith("https://", StringComparison.Ordinal)
                        || address.StartsWith("mailto:", StringComparison.Ordinal) || !address.Contains(':', StringComparison.Ordinal), $"Unsafe address {address} in: {html}");
                }
            }
        }
    }
}
