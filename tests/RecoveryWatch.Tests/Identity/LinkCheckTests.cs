using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Identity;

/// <summary>
/// Every link on every page answers below 400, for each kind of user: starting from the home page and every page the
/// application maps (the access matrix's pages), it follows each same-site <c>&lt;a href&gt;</c>, each GET form's action
/// (with the form's own default values) and each redirect, breadth-first, and fails listing every link that answered 400
/// or more with the page it was found on. Bounded (a few variants of the query per path) and without side effects: it
/// never signs out, changes the language or posts anything.
/// </summary>
public abstract partial class LinkCheckTests(WorldApp world)
{
    private const int MaxRequests = 300;
    private const int MaxVariantsPerPath = 2;

    [Theory]
    [InlineData(AccessMatrixTests.Role.Anonymous)]
    [InlineData(AccessMatrixTests.Role.FocalPoint)]
    [InlineData(AccessMatrixTests.Role.Delegate)]
    [InlineData(AccessMatrixTests.Role.Analyst)]
    [InlineData(AccessMatrixTests.Role.Admin)]
    public async Task Every_link_answers_below_400(AccessMatrixTests.Role role)
    {
        await EnsureRoundAsync();
        using var client = FormClient.Create(world);
        var email = role switch
        {
            AccessMatrixTests.Role.Admin => RecoveryWatchApp.AdminEmail,
            AccessMatrixTests.Role.Analyst => WorldApp.AnalystEmail,
            AccessMatrixTests.Role.FocalPoint => WorldApp.NigeriaFocalPointEmail,
            AccessMatrixTests.Role.Delegate => WorldApp.FranceDelegateEmail,
            _ => null,
        };
        if (email is not null)
        {
            await client.SignInAsync(email, email == RecoveryWatchApp.AdminEmail ? RecoveryWatchApp.AdminPassword : WorldApp.UserPassword);
        }

        var queue = new Queue<(string Url, string? From)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var variants = new Dictionary<string, int>(StringComparer.Ordinal);
        void Enqueue(string url, string? from)
        {
            // One shape of address (/cases/edit/7 is /cases/edit/#) is checked a few times, whatever its ids and query.
            var path = Ids().Replace(url.Split('?')[0], "/#");
            if (Followable(url) && !seen.Contains(url) && (variants.GetValueOrDefault(path) < MaxVariantsPerPath || from is null))
            {
                seen.Add(url);
                variants[path] = variants.GetValueOrDefault(path) + 1;
                queue.Enqueue((url, from));
            }
        }

        Enqueue("/", null);
        foreach (var page in StartPages())
        {
            Enqueue(page, null);
        }

        var broken = new List<string>();
        var parser = new HtmlParser();
        var requests = 0;
        var watch = Stopwatch.StartNew();
        while (queue.Count > 0 && requests < MaxRequests)
        {
            var (url, from) = queue.Dequeue();
            requests++;
            using var response = await client.Http.GetAsync(url);
            if (from is not null && (int)response.StatusCode >= 400)
            {
                broken.Add($"{url} ({(int)response.StatusCode}) linked from {from}");
            }

            // A redirect is followed: a link to a page the user may not see ends on the denied page (403), which is broken for
            // that user; a start page the role may not see is not a link, so where it leads is not checked either.
            if (response.Headers.Location is { } location && SameSite(new Uri(new Uri("http://localhost" + url), location)) is { } target)
            {
                Enqueue(target, from);
            }

            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            var here = new Uri("http://localhost" + url);
            foreach (var anchor in document.QuerySelectorAll("a[href]"))
            {
                var href = anchor.GetAttribute("href")!;
                if (!href.StartsWith('#') && SameSite(new Uri(here, href)) is { } link)
                {
                    Enqueue(link, url);
                }
            }

            foreach (var form in document.Forms.Where(f => string.Equals(f.Method, "get", StringComparison.OrdinalIgnoreCase)))
            {
                var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? here : new Uri(here, form.GetAttribute("action")!);
                if (SameSite(action) is { } formTarget)
                {
                    Enqueue(WithDefaults(formTarget, form), url);
                }
            }
        }

        Assert.True(requests > 20, $"The link check reached only {requests} addresses.");
        Assert.True(broken.Count == 0, $"As {role}, {broken.Count} broken link(s) of {requests} checked in {watch.Elapsed.TotalSeconds:0}s:\n" + string.Join("\n", broken));
    }

    /// <summary>A round with Nigeria (whose focal point signs in) past its deadline, so that the round pages, the template and
    /// the online answer are crawled too.</summary>
    private async Task EnsureRoundAsync()
    {
        using var admin = await world.SecretariatClientAsync();
        var rounds = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/rounds");
        if (rounds.GetArrayLength() == 0)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/rounds", new
            {
                code = "LINKS", title = "Round for the link check", mandate = "resolution 8/9", periodFrom = "2010-01-01", periodTo = "2020-06-30",
                deadline = "2021-01-31T23:59:59Z", states = new[] { "NGA", "FRA" },
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    /// <summary>The pages the application maps (as the access matrix lists them), with the same sample route values.</summary>
    private List<string> StartPages() =>
        [.. MappedEndpoints.Of(world.Services)
            .Where(e => e.Method == "GET" && !e.Pattern.StartsWith("/api/", StringComparison.Ordinal) && !e.Pattern.StartsWith("/openapi", StringComparison.Ordinal))
            .Select(e => e.Pattern
                .Replace("{id:int?}", string.Empty, StringComparison.Ordinal)
                .Replace("{code?}", string.Empty, StringComparison.Ordinal)
                .Replace("{code}", "DualCriminality", StringComparison.Ordinal)
                .Replace("{id:int}", world.Alpha.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{state}", "NGA", StringComparison.Ordinal)
                .Replace("{state:length(3)}", "NGA", StringComparison.Ordinal))
            .Where(p => !p.Contains('{', StringComparison.Ordinal))
            .Distinct()];

    /// <summary>The path and query of a same-site address, without its fragment; null for another site or scheme.</summary>
    private static string? SameSite(Uri uri) =>
        uri.Scheme is "http" or "https" && uri.Host == "localhost" ? uri.PathAndQuery : null;

    /// <summary>Not what signs out, changes the language, or is a health probe; nothing else has side effects on GET.</summary>
    private static bool Followable(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.StartsWith("/account/logout", StringComparison.OrdinalIgnoreCase)
        && !url.Contains("sign-out", StringComparison.OrdinalIgnoreCase)
        && !url.StartsWith("/language", StringComparison.Ordinal)
        && !url.StartsWith("/healthz", StringComparison.Ordinal);

    /// <summary>The form's action with its fields at their default values, as submitting it untouched does.</summary>
    private static string WithDefaults(string action, IHtmlFormElement form)
    {
        var pairs = new List<string>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            string? value = element switch
            {
                IHtmlInputElement { Type: "checkbox" or "radio" } box => box.IsChecked ? box.Value : null,
                IHtmlInputElement { Type: "submit" or "button" or "file" or "image" } => null,
                IHtmlInputElement input => input.Value,
                IHtmlSelectElement select => (select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null))?.Value,
                IHtmlTextAreaElement area => area.Value,
                _ => null,
            };
            if (!string.IsNullOrEmpty(name) && value is not null)
            {
                pairs.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
            }
        }

        var path = action.Split('?')[0];
        return pairs.Count == 0 ? action : path + "?" + string.Join("&", pairs);
    }

    [System.Text.RegularExpressions.GeneratedRegex("/[0-9]+")]
    private static partial System.Text.RegularExpressions.Regex Ids();
}

public sealed class SqliteLinkCheckTests(SqliteWorld world) : LinkCheckTests(world), IClassFixture<SqliteWorld>;

public sealed class PostgresLinkCheckTests(PostgresWorld world) : LinkCheckTests(world), IClassFixture<PostgresWorld>;
