using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Resources;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Tests.Identity;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Web;

/// <summary>
/// Renders every page, as each role that can see it, in each of the five languages other than English, and fails on
/// English left in the page's visible text (a value of SharedResource.resx that the page's language translates
/// differently) and on counts built by concatenation ("1 cases", "3 cases" in a French page). Pages are those the
/// application maps (the routes of <see cref="AccessMatrixTests"/>, with its demo ids) plus every site link they show,
/// as the <see cref="CrawlTests"/> follow them. Runs on SQLite only: the text of a page does not depend on the
/// database, and a PostgreSQL run would double the time of the suite's longest crawl for nothing new.
/// </summary>
public abstract partial class LanguageCrawlTests(WorldApp world)
{
    private const int MaxPagesPerRole = 150;

    private static readonly (string? Email, string Password, string Name)[] Roles =
    [
        (null, "", "anonymous"),
        (RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword, "administrator"),
        (WorldApp.AnalystEmail, WorldApp.UserPassword, "analyst"),
        (WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword, "focal point"),
        (WorldApp.FranceDelegateEmail, WorldApp.UserPassword, "delegate"),
    ];

    /// <summary>
    /// English values that may stand in another language's page. Kept small: anything else that is the same in a
    /// language is already skipped because its translation is identical (codes, "SHA-256", "UNCAC art. {0}").
    /// </summary>
    private static readonly HashSet<string> MayStay = new(StringComparer.Ordinal)
    {
        // The name of the product, a proper name.
        "RecoveryWatch",
    };

    /// <summary>English nouns that must never follow a count in another language's page.</summary>
    private const string EnglishPluralNouns = "cases|entries|proposed matches|practices|rates|States compared|rows|bytes|measures|submissions|answers|registered participants";

    public static TheoryData<string> OtherLanguages => ["fr", "es", "ru", "zh", "ar"];

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public async Task No_English_and_no_concatenated_plural_in_any_page(string language)
    {
        var english = EnglishValues(language);
        var findings = new List<string>();
        var pages = 0;
        foreach (var (email, password, role) in Roles)
        {
            using var client = FormClient.Create(world);
            if (email is not null)
            {
                await client.SignInAsync(email, password);
            }

            client.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
            client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            var queue = new Queue<string>(await StartPagesAsync());
            var seen = new HashSet<string>(queue, StringComparer.Ordinal);
            var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
            var visited = 0;
            while (queue.Count > 0 && visited < MaxPagesPerRole)
            {
                var url = queue.Dequeue();
                var response = await client.Http.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                visited++;
                var html = await response.Content.ReadAsStringAsync();
                var document = new HtmlParser().ParseDocument(html);
                Assert.Equal(language, document.DocumentElement.GetAttribute("lang"));
                foreach (var text in VisibleText(document, language))
                {
                    foreach (var (key, value, pattern) in english)
                    {
                        if (pattern.IsMatch(text))
                        {
                            findings.Add($"{language} {role} {url}: English \"{value}\" ({key}) in \"{Short(text)}\"");
                        }
                    }

                    // English typed into a page rather than taken from a resource: two English function words in one piece
                    // of text (user data, which may well be English, is isolated and skipped above).
                    if (EnglishWords().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct().Count() >= 2)
                    {
                        findings.Add($"{language} {role} {url}: English text \"{Short(text)}\"");
                    }

                    if (OneWithPlural().Match(text) is { Success: true } one)
                    {
                        findings.Add($"{language} {role} {url}: \"{one.Value}\" (a plural after 1) in \"{Short(text)}\"");
                    }

                    // ("bytes" is Spanish as well.)
                    if (CountWithEnglishNoun().Match(text) is { Success: true } noun && !(language == "es" && noun.Groups[1].Value == "bytes"))
                    {
                        findings.Add($"{language} {role} {url}: \"{noun.Value}\" (an English noun after a count) in \"{Short(text)}\"");
                    }
                }

                foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                {
                    // Two pages of each shape (/cases/1 and /cases/2, not every case) keep the crawl short.
                    if (Followable(link) && !seen.Contains(link) && CollectionsMarshal.GetValueRefOrAddDefault(shapes, Shape(link), out _)++ < 2)
                    {
                        seen.Add(link);
                        queue.Enqueue(link);
                    }
                }
            }

            pages += visited;
        }

        Assert.True(pages > 100, $"Only {pages} pages were rendered in {language}.");
        Assert.True(findings.Count == 0, $"{findings.Count} findings:\n" + string.Join("\n", findings.Distinct().Take(200)));
    }

    /// <summary>The comparison of two States' legal frameworks says "2" with the form each language takes for two: the
    /// Arabic dual, the Russian "few" form, the plural of French and Spanish, the one form of Chinese.</summary>
    [Theory]
    [InlineData("ar", "مقارنة دولتين بشأن")]
    [InlineData("ru", "2 государства сравниваются по")]
    [InlineData("fr", "2 États comparés sur")]
    [InlineData("es", "2 Estados comparados en")]
    [InlineData("zh", "比较2个国家")]
    [InlineData("en", "2 States compared on")]
    public async Task A_count_of_two_takes_the_languages_form_for_two(string language, string expected)
    {
        using var client = FormClient.Create(world);
        var html = await client.Http.GetStringAsync($"/legal-frameworks/compare?states=NGA,CHE&culture={language}");
        var caption = new HtmlParser().ParseDocument(html).QuerySelector("#comparison-caption")?.TextContent ?? "";
        Assert.Contains(expected, caption, StringComparison.Ordinal);
    }

    private async Task<List<string>> StartPagesAsync()
    {
        await using var scope = world.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<RecoveryWatch.Identity.AppUser>>();
        var adminId = (await users.FindByEmailAsync(RecoveryWatchApp.AdminEmail))!.Id;
        var id = world.Alpha.ToString(CultureInfo.InvariantCulture);
        var sources = world.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var pages = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is null or [] || e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => !p.StartsWith("/api/", StringComparison.Ordinal) && !p.StartsWith("/openapi", StringComparison.Ordinal))
            .Select(p => p
                .Replace("{id:int?}", string.Empty, StringComparison.Ordinal)
                .Replace("{code?}", string.Empty, StringComparison.Ordinal)
                .Replace("{id:int}", id, StringComparison.Ordinal)
                .Replace("{id}", adminId, StringComparison.Ordinal)
                .Replace("{state:length(3)}", "NGA", StringComparison.Ordinal)
                .Replace("/answer", "/answer?state=NGA", StringComparison.Ordinal))
            .Where(p => !p.Contains('{', StringComparison.Ordinal) && Followable(p));
        return [.. pages.Distinct(), "/cases/" + world.Bravo.ToString(CultureInfo.InvariantCulture), "/legal-frameworks/CHE", "/legal-frameworks/compare?states=NGA,CHE",
            "/good-practices/" + world.PublishedPractice.ToString(CultureInfo.InvariantCulture), "/statistics?chart=durations"];
    }

    /// <summary>Site pages only: no API, downloads, sign-out, language switch or filter permutations of the searches.</summary>
    private static bool Followable(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !href.StartsWith("/api/", StringComparison.Ordinal)
        && !href.StartsWith("/account/logout", StringComparison.Ordinal)
        && !href.StartsWith("/language", StringComparison.Ordinal)
        && !href.StartsWith("/healthz", StringComparison.Ordinal)
        && !Download().IsMatch(href)
        && !((href.StartsWith("/cases?", StringComparison.Ordinal) || href.StartsWith("/technical-assistance?", StringComparison.Ordinal)
              || href.StartsWith("/statistics?", StringComparison.Ordinal) || href.StartsWith("/good-practices?", StringComparison.Ordinal))
             && href.Count(c => c == '=') > 1);

    /// <summary>The English values to look for in a language's pages, each as a pattern over a piece of visible text: a
    /// value without arguments must be a whole piece of text (a label, a button) or, from three words on, any part of one;
    /// a value with arguments is matched by its longest literal part, when that part is long enough to be unmistakable.</summary>
    private static List<(string Key, string Value, Regex Pattern)> EnglishValues(string language)
    {
        var manager = new ResourceManager("RecoveryWatch.Web.Resources.SharedResource", typeof(RecoveryWatch.Web.SharedResource).Assembly);
        var neutral = manager.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.Cast<DictionaryEntry>();
        var translated = manager.GetResourceSet(CultureInfo.GetCultureInfo(language), true, false)!;
        var own = translated.Cast<DictionaryEntry>().Select(e => ((string)e.Value!).Trim()).ToHashSet(StringComparer.Ordinal);
        var values = new List<(string, string, Regex)>();
        foreach (var entry in neutral)
        {
            var (key, value) = ((string)entry.Key, ((string)entry.Value!).Trim());
            // Identical in this language, for this key or any other: Spanish "General" is Spanish too.
            if (value == translated.GetString(key)?.Trim() || own.Contains(value) || MayStay.Contains(value) || value.Contains(", plural,", StringComparison.Ordinal)
                || !value.Any(char.IsAsciiLetter))
            {
                continue;
            }

            var parts = Placeholder().Split(value).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            if (parts.Count == 1 && parts[0] == value)
            {
                var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                var escaped = Regex.Escape(value.TrimEnd('.', ':'));
                values.Add((key, value, words >= 3
                    ? new Regex(@"(?<!\p{L})" + escaped + @"(?!\p{L})", RegexOptions.CultureInvariant)
                    : new Regex("^" + escaped + @"[.:]?$", RegexOptions.CultureInvariant)));
                continue;
            }

            var longest = parts.MaxBy(p => p.Length)!;
            if (longest.Length >= 12 && longest.Contains(' ', StringComparison.Ordinal))
            {
                values.Add((key, value, new Regex(@"(?<!\p{L})" + Regex.Escape(longest) + @"(?!\p{L})", RegexOptions.CultureInvariant)));
            }
        }

        return values;
    }

    /// <summary>The text a reader sees, piece by piece (text of each element, and the alternative texts and labels), less
    /// what is rightly in another language: user-entered data (isolated in bdi or dir="auto"), content marked with
    /// another lang (a document shown in its original), code, and scripts.</summary>
    private static IEnumerable<string> VisibleText(IDocument document, string language)
    {
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            if (Excluded(element, language))
            {
                continue;
            }

            foreach (var node in element.ChildNodes.Where(n => n.NodeType == NodeType.Text))
            {
                var text = Spaces().Replace(node.TextContent, " ").Trim();
                if (text.Length > 0)
                {
                    yield return text;
                }
            }

            foreach (var attribute in new[] { "alt", "title", "aria-label", "placeholder" })
            {
                if (element.GetAttribute(attribute) is { Length: > 0 } value)
                {
                    yield return Spaces().Replace(value, " ").Trim();
                }
            }

            if (element is AngleSharp.Html.Dom.IHtmlInputElement { Type: "submit" or "button" } button && button.Value.Length > 0)
            {
                yield return button.Value.Trim();
            }
        }
    }

    private static bool Excluded(IElement element, string language)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.LocalName is "script" or "style" or "template" or "code" or "pre" or "bdi" or "textarea" or "noscript"
                || e.GetAttribute("dir") == "auto" || e.GetAttribute("translate") == "no"
                || (e.GetAttribute("lang") is { } lang && lang != language && e.LocalName != "html"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A link without its numbers and query values: "/cases/#?page=".</summary>
    private static string Shape(string href) => Digits().Replace(QueryValue().Replace(href, "="), "#");

    private static string Short(string text) => text.Length > 120 ? text[..120] + "…" : text;

    [GeneratedRegex(@"\{\d+(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<!\p{L})(the|and|with|of|for|is|are|this|your|to|from|by)(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishWords();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"=[^&]*")]
    private static partial Regex QueryValue();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\.(xlsx|csv|docx|pdf|ics|atom|png|svg|json|zip)(\?|$)|/download|/export|/template", RegexOptions.IgnoreCase)]
    private static partial Regex Download();

    /// <summary>"1 cases", "1 affaires", "1 casos": a plural noun after the number one, in any language.</summary>
    [GeneratedRegex(@"(?<![\d.,\u00A0\u202F])1\s+(cases|entries|matches|practices|rates|States|questions|rows|participants|bytes|measures|submissions|answers|affaires|pratiques|entrées|lignes|casos|prácticas|entradas|filas|participantes)(?!\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex OneWithPlural();

    [GeneratedRegex(@"\d\s+(" + EnglishPluralNouns + @")(?!\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex CountWithEnglishNoun();
}

public sealed class SqliteLanguageCrawlTests(SqliteWorld world) : LanguageCrawlTests(world), IClassFixture<SqliteWorld>;
