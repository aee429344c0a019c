using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Auditing;
using RecoveryWatch.Data;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Auditing;

/// <summary>A log of known entries: sixty case entries a day apart from 1 January 2025, alternately by Alice (create) and Bob
/// (update), and one update whose before and after differ in one nested field.</summary>
public class AuditLogApp(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    protected override async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>();
        for (var i = 0; i < 60; i++)
        {
            var even = i % 2 == 0;
            db.AuditEntries.Add(new AuditEntry(Start.AddDays(i), even ? "alice@un.test" : "bob@un.test", even ? "create" : "update", "Case",
                i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "{\"title\":\"Case " + i + "\"}"));
            await db.SaveChangesAsync();
        }

        db.AuditEntries.Add(new AuditEntry(Start.AddDays(100), "carol@un.test", "update", "GoodPractice", "diff",
            "{\"title\":\"Old <b>title</b>\",\"measures\":[{\"amount\":5,\"currency\":\"EUR\"}]}",
            "{\"title\":\"New title\",\"measures\":[{\"amount\":7,\"currency\":\"EUR\"}]}"));
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteAuditLogApp() : AuditLogApp(DatabaseKind.Sqlite);

public sealed class PostgresAuditLogApp() : AuditLogApp(DatabaseKind.Postgres);

/// <summary>The administrators' audit page: pages, filters, labels in the reader's language, and the field-by-field view.</summary>
public abstract partial class AuditPageTests(AuditLogApp app)
{
    private async Task<string> PageAsync(string query)
    {
        using var admin = FormClient.Create(app);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var response = await admin.Http.GetAsync("/admin/audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<long> Ids(string html) => [.. EntryId().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static List<string> Actions(string html) => [.. ActionCode().Matches(html).Select(m => m.Groups[1].Value)];

    [Fact]
    public async Task Page_two_shows_older_entries_than_page_one_without_overlap()
    {
        var first = Ids(await PageAsync("culture=en&entityType=Case&size=20"));
        var second = Ids(await PageAsync("culture=en&entityType=Case&size=20&page=2"));
        Assert.Equal(20, first.Count);
        Assert.Equal(20, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.True(first.Min() > second.Max());
        Assert.Equal(first.OrderDescending(), first);
    }

    [Fact]
    public async Task Pager_links_keep_the_filters_and_a_page_past_the_end_shows_the_last()
    {
        var html = await PageAsync("culture=en&entityType=Case&size=20");
        Assert.Contains("href=\"/admin/audit?entityType=Case&amp;size=20&amp;page=2\" rel=\"next\"", html, StringComparison.Ordinal);
        var last = await PageAsync("culture=en&entityType=Case&size=20&page=999");
        Assert.Contains("Page 3 of 3", last, StringComparison.Ordinal);
        Assert.Equal(20, Ids(last).Count);
    }

    [Fact]
    public async Task Actor_filter_matches_part_of_the_name_ignoring_case()
    {
        var html = await PageAsync("culture=en&actor=ALICE&size=200");
        Assert.Contains("30 entries", html, StringComparison.Ordinal);
        Assert.Equal(30, Ids(html).Count);
        Assert.DoesNotContain("bob@un.test", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_filter_shows_only_that_action()
    {
        var html = await PageAsync("culture=en&action=update&entityType=Case&size=200");
        Assert.Equal(30, Ids(html).Count);
        Assert.All(Actions(html), a => Assert.Equal("update", a));
    }

    [Fact]
    public async Task Entity_filters_show_one_record_history()
    {
        var html = await PageAsync("culture=en&entityType=Case&entityId=7");
        Assert.Single(Ids(html));
        Assert.Contains("Case 7", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Date_filter_includes_both_days()
    {
        // Entries 9 to 18 fall on 10 to 19 January.
        var html = await PageAsync("culture=en&entityType=Case&from=2025-01-10&to=2025-01-19");
        Assert.Equal(10, Ids(html).Count);
        Assert.Contains("Case 9<", html, StringComparison.Ordinal);
        Assert.Contains("Case 18<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Case 19<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_date_is_shown_next_to_its_field()
    {
        var html = await PageAsync("culture=en&from=2025-13-45");
        Assert.Contains("id=\"audit-from-error\">&#x27;2025-13-45&#x27; is not a date", html, StringComparison.Ordinal);
        Assert.Empty(Ids(html));
    }

    [Theory]
    [InlineData("fr", "A créé", "Affaire")]
    [InlineData("ar", "أنشأ", "قضية")]
    public async Task Actions_and_record_types_are_labelled_in_the_reader_language(string language, string action, string entity)
    {
        var html = await PageAsync($"culture={language}&action=create&entityType=Case&size=20");
        Assert.Contains(">" + action + "</span>", html, StringComparison.Ordinal);
        Assert.Contains(">" + entity + "</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"create\" selected=\"selected\">{action}</option>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_and_after_are_shown_field_by_field_with_the_change_marked()
    {
        var html = await PageAsync("culture=en&entityId=diff");
        var changed = ChangedRow().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(2, changed.Count);
        Assert.Contains(changed, r => r.Contains(">title<", StringComparison.Ordinal) && r.Contains("Old &lt;b&gt;title&lt;/b&gt;", StringComparison.Ordinal) && r.Contains("New title", StringComparison.Ordinal));
        Assert.Contains(changed, r => r.Contains("measures[0].amount", StringComparison.Ordinal) && r.Contains("<td>5</td>", StringComparison.Ordinal) && r.Contains("<td>7</td>", StringComparison.Ordinal));
        Assert.Matches("<tr>\\s*<th scope=\"row\" class=\"code\">measures\\[0\\]\\.currency</th>\\s*<td>EUR</td>\\s*<td>EUR</td>", html);
        Assert.Contains("<details class=\"audit-raw\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_chain_check_is_still_offered_and_reports_intact()
    {
        using var admin = FormClient.Create(app);
        await admin.SignInAsync(RecoveryWatchApp.AdminEmail, RecoveryWatchApp.AdminPassword);
        var response = await admin.PostFormAsync("/admin/audit?handler=Verify&culture=en", new Dictionary<string, string>());
        Assert.Contains("The audit log is intact", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<td class=\"number\">(\\d+)</td>")]
    private static partial Regex EntryId();

    [GeneratedRegex("data-action=\"([^\"]+)\"")]
    private static partial Regex ActionCode();

    [GeneratedRegex("<tr class=\"changed\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex ChangedRow();
}

public sealed class SqliteAuditPageTests(SqliteAuditLogApp app) : AuditPageTests(app), IClassFixture<SqliteAuditLogApp>;

public sealed class PostgresAuditPageTests(PostgresAuditLogApp app) : AuditPageTests(app), IClassFixture<PostgresAuditLogApp>;
