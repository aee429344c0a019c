using System.Net;
using System.Text.RegularExpressions;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Identity;

/// <summary>Signs in as each role, follows every link it can reach from the case search (pages, API, exports), and asserts
/// that nothing restricted it may not read appears anywhere: no restricted detail of another State for a focal point,
/// none at all for a delegate, and nothing beyond the public fields for the anonymous public.</summary>
public abstract partial class CrawlTests(WorldApp world)
{
    private const int MaxPages = 120;

    private static readonly string[] OtherStatesRestricted = [WorldApp.RestrictedSummary, WorldApp.RestrictedVictim, WorldApp.RestrictedSource, WorldApp.DraftTitle, WorldApp.SecretariatTitle, WorldApp.RestrictedNeed, WorldApp.SubmittedPracticeKenya];

    [Fact]
    public async Task Anonymous_reaches_nothing_restricted() =>
        await CrawlAsync(null, forbidden: [.. OtherStatesRestricted, WorldApp.RestrictedNigeria, WorldApp.StatesPartiesOnly, WorldApp.DraftPracticeNigeria], required: []);

    [Fact]
    public async Task Delegate_reaches_what_States_parties_may_read_and_nothing_restricted() =>
        await CrawlAsync(WorldApp.FranceDelegateEmail, forbidden: [.. OtherStatesRestricted, WorldApp.RestrictedNigeria, WorldApp.DraftPracticeNigeria], required: [WorldApp.StatesPartiesOnly]);

    [Fact]
    public async Task Focal_point_reaches_its_own_States_restricted_data_and_no_other_States() =>
        await CrawlAsync(WorldApp.NigeriaFocalPointEmail, forbidden: OtherStatesRestricted, required: [WorldApp.RestrictedNigeria, WorldApp.StatesPartiesOnly, WorldApp.DraftPracticeNigeria]);

    [Fact]
    public async Task Analyst_reaches_everything() =>
        await CrawlAsync(WorldApp.AnalystEmail, forbidden: [], required: [WorldApp.RestrictedNigeria, WorldApp.RestrictedSummary, WorldApp.DraftTitle, WorldApp.SecretariatTitle, WorldApp.DraftPracticeNigeria, WorldApp.SubmittedPracticeKenya]);

    private async Task CrawlAsync(string? email, string[] forbidden, string[] required)
    {
        using var client = FormClient.Create(world);
        if (email is not null)
        {
            await client.SignInAsync(email, WorldApp.UserPassword);
        }

        var queue = new Queue<string>(["/cases", "/cases?pageSize=200", "/api/v1/cases?pageSize=200", "/api/v1/export/cases.json", "/challenges", "/api/v1/challenges",
            "/api/v1/statistics/challenges?by=state", "/api/v1/statistics/challenges?by=region", "/api/v1/statistics/challenges?by=route",
            "/legal-frameworks", "/legal-frameworks/NGA", "/legal-frameworks/CHE", "/api/v1/legal-frameworks/NGA", "/api/v1/legal-frameworks/CHE",
            "/api/v1/legal-frameworks/NGA/versions/1", "/api/v1/legal-frameworks/CHE/versions/1", "/legal-frameworks/compare?states=NGA,CHE",
            "/technical-assistance", "/technical-assistance/activities", "/api/v1/technical-assistance/needs?pageSize=1000", "/api/v1/technical-assistance/activities",
            "/api/v1/technical-assistance/unmet?by=region", "/api/v1/technical-assistance/needs/2", "/api/v1/technical-assistance/needs/3",
            "/good-practices", "/good-practices?mine=true", "/good-practices?status=Draft", "/good-practices?status=Submitted", "/api/v1/good-practices?pageSize=100",
            "/api/v1/good-practices?mine=true&pageSize=100", "/api/v1/good-practices?status=Draft&pageSize=100", "/api/v1/good-practices?status=Submitted&pageSize=100",
            "/good-practices/feed.atom", "/codebook", "/api/v1/codebook", "/api/v1/export/cases.json?labels=true&lang=fr"]);

        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var visited = 0;
        while (queue.Count > 0 && visited < MaxPages)
        {
            var url = queue.Dequeue();
            visited++;
            var response = await client.Http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var body = await response.Content.ReadAsStringAsync();
            foreach (var marker in forbidden)
            {
                Assert.False(body.Contains(marker, StringComparison.Ordinal), $"{email ?? "anonymous"} saw {marker} at {url}");
            }

            found.UnionWith(required.Where(m => body.Contains(m, StringComparison.Ordinal)));
            foreach (Match link in Link().Matches(body))
            {
                var target = System.Net.WebUtility.HtmlDecode(link.Groups[1].Value);
                if (Followable(target) && seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }

            // Case links of API answers: "id": N.
            foreach (Match id in CaseId().Matches(body))
            {
                var target = "/api/v1/cases/" + id.Groups[1].Value;
                if (seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        Assert.True(visited > 10, $"The crawl reached only {visited} addresses.");
        Assert.Equal(required.Order(), found.Order());
    }

    /// <summary>Site links only; not those that sign out, change the language, or are pure filter permutations of the search.</summary>
    private static bool Followable(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !href.StartsWith("/account/logout", StringComparison.Ordinal)
        && !href.StartsWith("/language", StringComparison.Ordinal)
        && !(href.StartsWith("/cases?", StringComparison.Ordinal) && href.Count(c => c == '=') > 1);

    [GeneratedRegex("href=\"([^\"#]+)\"")]
    private static partial Regex Link();

    [GeneratedRegex("\"id\":([0-9]+)")]
    private static partial Regex CaseId();
}

public sealed class SqliteCrawlTests(SqliteWorld world) : CrawlTests(world), IClassFixture<SqliteWorld>;

public sealed class PostgresCrawlTests(PostgresWorld world) : CrawlTests(world), IClassFixture<PostgresWorld>;
