using System.Text.RegularExpressions;
using RecoveryWatch.Knowledge;

namespace RecoveryWatch.Tests.Knowledge;

/// <summary>Markdown from outside the Secretariat rendered harmless: whatever the payload, the HTML carries no script, no
/// event handler, no script-bearing address, no SVG, frame, form or style — and ordinary Markdown still renders.</summary>
public sealed partial class PracticeMarkdownTests
{
    public static readonly TheoryData<string> Payloads =
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

    /// <summary>No element, attribute or address that can run anything.</summary>
    public static void AssertHarmless(string html)
    {
        var lower = html.ToLowerInvariant();
        foreach (var tag in new[] { "<script", "<svg", "<iframe", "<object", "<embed", "<style", "<form", "<input", "<meta", "<base", "<math", "<body", "<details", "<img" })
        {
            Assert.False(lower.Contains(tag, StringComparison.Ordinal), $"{tag} in: {html}");
        }

        Assert.False(EventHandler().IsMatch(html), "An event handler attribute in: " + html);
        foreach (Match attribute in AddressAttribute().Matches(html))
        {
            var address = System.Net.WebUtility.HtmlDecode(attribute.Groups[1].Value).Trim().ToLowerInvariant();
            Assert.True(address.StartsWith("http://", StringComparison.Ordinal) || address.StartsWith("https://", StringComparison.Ordinal)
                || address.StartsWith("mailto:", StringComparison.Ordinal) || !address.Contains(':', StringComparison.Ordinal), "Unsafe address " + address + " in: " + html);
        }

        Assert.DoesNotContain("style=", lower, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<[^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex("(?:href|src|action|data)\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex AddressAttribute();
}
