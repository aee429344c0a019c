using System.Net;
using System.Net.Http.Json;
using RecoveryWatch.Tests.Infrastructure;
using static RecoveryWatch.Tests.Infrastructure.CaseBuilder;

namespace RecoveryWatch.Tests.Web;

/// <summary>
/// Text people typed is isolated from the page's own text (<c>&lt;bdi&gt;</c>, or <c>dir="auto"</c> on its element): an
/// English title inside an Arabic page keeps its punctuation where it was typed, and a right-to-left override character in
/// a title cannot reverse the labels around it.
/// </summary>
public abstract class BidiIsolationTests(RecoveryWatchApp app)
{
    private const string Override = "\u202E";

    [Fact]
    public async Task An_override_character_in_a_title_stays_inside_its_isolate_on_the_lists_and_pages()
    {
        var caseId = await app.CreateCaseAsync(Case("Overridden " + Override + "case title.").Between("NGA", "CHE"));
        using (var admin = await app.SecretariatClientAsync())
        {
            var round = await admin.PostAsJsonAsync("/api/v1/rounds", new
            {
                code = "BIDI-" + app.Kind, title = "Overridden " + Override + "round title.", mandate = "resolution 8/9",
                periodFrom = "2010-01-01", periodTo = "2020-06-30", deadline = "2030-06-30T00:00:00Z", states = new[] { "NGA" },
            });
            Assert.Equal(HttpStatusCode.Created, round.StatusCode);
        }

        using var form = FormClient.Create(app);
        await form.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        foreach (var url in new[] { "/rounds?culture=ar", "/cases?culture=ar", $"/cases/{caseId}?culture=ar" })
        {
            var body = WebUtility.HtmlDecode(await form.Http.GetStringAsync(url));
            var main = body[body.IndexOf("<main", StringComparison.Ordinal)..];
            var at = main.IndexOf(Override, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{url} does not show the title");
            for (; at >= 0; at = main.IndexOf(Override, at + 1, StringComparison.Ordinal))
            {
                var opened = Math.Max(main.LastIndexOf("<bdi>", at, StringComparison.Ordinal), main.LastIndexOf("dir=\"auto\"", at, StringComparison.Ordinal));
                var closed = main.LastIndexOf("</bdi>", at, StringComparison.Ordinal);
                Assert.True(opened > closed, $"{url}: an override character outside any isolate: …{main[Math.Max(0, at - 80)..Math.Min(main.Length, at + 40)]}…");
            }
        }
    }
}

public sealed class SqliteBidiIsolationTests(SqliteApp app) : BidiIsolationTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresBidiIsolationTests(PostgresApp app) : BidiIsolationTests(app), IClassFixture<PostgresApp>;
