using System.Net;
using AngleSharp.Html.Parser;
using RecoveryWatch.Tests.Infrastructure;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Tests.Web;

/// <summary>
/// The Content-Security-Policy (style-src 'self') blocks inline styles, so a page must not depend on one: signs in as
/// each role, follows every page link it can reach, and fails on any style attribute or style element, and on an error
/// summary that shows an empty list (what ASP.NET's validation-summary tag helper wrote, hidden by an inline style that
/// the policy blocked: an empty red bullet).
/// </summary>
public abstract class NoInlineStyleTests(WorldApp world)
{
    private const int MaxPages = 150;

    public static TheoryData<string?> Roles => new() { (string?)null, RecoveryWatchApp.AdminEmail, WorldApp.AnalystEmail, WorldApp.NigeriaFocalPointEmail, WorldApp.FranceDelegateEmail };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task No_page_a_role_reaches_has_an_inline_style_or_an_empty_error_list(string? email)
    {
        using var client = FormClient.Create(world);
        if (email is not null)
        {
            await client.SignInAsync(email, email == RecoveryWatchApp.AdminEmail ? RecoveryWatchApp.AdminPassword : WorldApp.UserPassword);
        }

        var queue = new Queue<string>(["/cases", "/meetings", "/documents", "/documents?symbol=" + Uri.EscapeDataString("CAC/COSP/WG.2/2020/1"),
            "/account/login", "/account/setup", "/account/two-factor", "/reports/note", "/reconciliation", "/admin/users", "/admin/audit", "/rounds",
            "/statistics", "/exchange-rates", "/no-such-page"]);
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var parser = new HtmlParser();
        var failures = new List<string>();
        var pages = 0;
        while (queue.Count > 0 && pages < MaxPages)
        {
            var url = queue.Dequeue();
            var response = await client.Http.GetAsync(url);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            pages++;
            var document = parser.ParseDocument(await response.Content.ReadAsStringAsync());
            failures.AddRange(Offences(document).Select(o => $"{url}: {o}"));
            foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (Followable(link) && seen.Add(link))
                {
                    queue.Enqueue(link);
                }
            }
        }

        Assert.True(pages > 10, $"Only {pages} pages reached.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_form_with_errors_lists_them_without_an_inline_style()
    {
        using var client = FormClient.Create(world);
        await client.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var meetings = await client.Http.GetStringAsync("/meetings");
        var meeting = System.Text.RegularExpressions.Regex.Match(meetings, "href=\"/meetings/([0-9]+)\"").Groups[1].Value;
        var response = await client.PostFormAsync($"/meetings/{meeting}?handler=Circulate", new Dictionary<string, string> { ["DraftSymbol"] = "not a symbol" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Empty(Offences(document));
        var summary = Assert.Single(document.QuerySelectorAll(".error-summary-inline"));
        Assert.Equal(2, summary.QuerySelectorAll("li").Count(li => li.TextContent.Trim().Length > 0));
    }

    private static IEnumerable<string> Offences(AngleSharp.Html.Dom.IHtmlDocument document)
    {
        foreach (var element in document.QuerySelectorAll("[style]"))
        {
            yield return $"style attribute on <{element.LocalName}>: {element.OuterHtml[..Math.Min(120, element.OuterHtml.Length)]}";
        }

        if (document.QuerySelectorAll("style").Length > 0)
        {
            yield return "a <style> element";
        }

        foreach (var list in document.QuerySelectorAll(".error-summary ul, .error-summary-inline ul, .validation-summary-valid ul, .validation-summary-errors ul"))
        {
            if (!list.QuerySelectorAll("li").Any(li => li.TextContent.Trim().Length > 0))
            {
                yield return "an error summary with an empty list";
            }
        }
    }

    /// <summary>Pages of the site; not the API (no HTML), sign-out, the language switch, or search permutations.</summary>
    private static bool Followable(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !href.StartsWith("/api/", StringComparison.Ordinal)
        && !href.StartsWith("/account/logout", StringComparison.Ordinal)
        && !href.StartsWith("/language", StringComparison.Ordinal)
        && !href.Contains('#', StringComparison.Ordinal)
        && !(href.StartsWith("/cases?", StringComparison.Ordinal) && href.Contains('='))
        && !(href.Contains('?', StringComparison.Ordinal) && href.Count(c => c == '=') > 1);
}

public sealed class SqliteNoInlineStyleTests(SqliteWorld world) : NoInlineStyleTests(world), IClassFixture<SqliteWorld>;

public sealed class PostgresNoInlineStyleTests(PostgresWorld world) : NoInlineStyleTests(world), IClassFixture<PostgresWorld>;

/// <summary>Where a published app finds its wwwroot (the choice itself; the manual check with a real publish is in the README).</summary>
public sealed class ContentRootTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rw-content-root-").FullName;

    [Fact]
    public void A_published_app_started_from_another_folder_uses_its_own_folder()
    {
        var published = Directory.CreateDirectory(Path.Combine(_root, "published")).FullName;
        Directory.CreateDirectory(Path.Combine(published, "wwwroot"));
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        Assert.Equal(Path.GetFullPath(published), ContentRoot.Choose(elsewhere, published));
    }

    [Fact]
    public void Started_in_its_project_or_published_folder_the_default_stays()
    {
        // dotnet run --project: the working folder is the project, with wwwroot; the build output has none.
        var project = Directory.CreateDirectory(Path.Combine(_root, "project")).FullName;
        Directory.CreateDirectory(Path.Combine(project, "wwwroot"));
        var bin = Directory.CreateDirectory(Path.Combine(project, "bin")).FullName;
        Assert.Null(ContentRoot.Choose(project, bin));
        // The tests and the build output: no wwwroot beside the dll, the test factory chooses.
        Assert.Null(ContentRoot.Choose(_root, bin));
        // Started in the published folder itself.
        Assert.Null(ContentRoot.Choose(project, project));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
