using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Analytics;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;
using static RecoveryWatch.Tests.Infrastructure.CaseBuilder;

namespace RecoveryWatch.Tests.Cases;

/// <summary>
/// Demo cases (with their restricted cases, drafts, restricted summaries, transit States and measures), titles in the six
/// scripts of the UN languages and Greek, a restricted summary in Chinese and Arabic, and two cases without measures (no
/// year to sort on), then edits through the API, so that the read model was kept by the writes themselves.
/// </summary>
public class SearchWorld(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public const string RestrictedText = "秘密摘要 خاص سري";

    public int French { get; private set; }
    public int Spanish { get; private set; }
    public int English { get; private set; }
    public int Russian { get; private set; }
    public int Arabic { get; private set; }
    public int Chinese { get; private set; }
    public int Greek { get; private set; }
    public int Restricted { get; private set; }

    protected override async Task SeedAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedDemoCases>().HandleAsync(150, SeedDemoCases.DefaultSeed, "test");
        }

        French = await CreateCaseAsync(Case("Affaire de la société Écran").Summary("Blanchiment par une société écran à Genève").Between("FRA", "CHE").Measure(Stage.Frozen, 100m, "USD", "2016"));
        Spanish = await CreateCaseAsync(Case("Caso de la empresa fantasma en Panamá").Between("ESP", "PAN").Measure(Stage.Frozen, 100m, "USD", "2017"));
        English = await CreateCaseAsync(Case("Embezzlement through a shell company").Between("GBR", "USA").Measure(Stage.Frozen, 100m, "USD", "2018"));
        Russian = await CreateCaseAsync(Case("Дело о хищении бюджетных средств").Between("RUS", "CYP").Measure(Stage.Frozen, 100m, "USD", "2015"));
        Arabic = await CreateCaseAsync(Case("قضية غسل الأموال").Summary("أصول مجمدة في سويسرا").Between("EGY", "CHE").Measure(Stage.Frozen, 100m, "USD", "2014"));
        Chinese = await CreateCaseAsync(Case("中国 资产追回 案").Summary("资产追回合作").Between("CHN", "CAN").Measure(Stage.Frozen, 100m, "USD", "2013"));
        Greek = await CreateCaseAsync(Case("Υπόθεση ΔΩΡΟΔΟΚΙΑΣ").Between("GRC", "DEU").Measure(Stage.Frozen, 100m, "USD", "2012"));
        Restricted = await CreateCaseAsync(Case("Restricted summary case").Summary(RestrictedText + " 资产", Visibility.Secretariat).Between("NGA", "GBR").Measure(Stage.Frozen, 100m, "USD", "2011"));
        await CreateCaseAsync(Case("Without measures one").Between("KEN", "GBR").Offence("Art17"));
        await CreateCaseAsync(Case("Without measures two").Between("NGA", "FRA").Route("Art54_2", "FRA"));

        // Edits of details only the search reads (routes, offences, challenges) and of a State's visibility.
        using var secretariat = await SecretariatClientAsync();
        var read = await secretariat.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{Chinese}");
        read!["offences"] = new JsonArray("Art17", "Art15");
        read["proceedings"]!.AsArray().Add(new JsonObject { ["route"] = "Art54_1c", ["state"] = "CAN", ["description"] = "Restricted route", ["visibility"] = "Secretariat" });
        read["challenges"]!.AsArray().Add(new JsonObject { ["code"] = "DualCriminality" });
        read["states"]!.AsArray().Add(new JsonObject { ["state"] = "SGP", ["role"] = "Transit", ["visibility"] = "Secretariat" });
        var put = await secretariat.PutAsync($"/api/v1/cases/{Chinese}", new StringContent(read.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteSearchWorld() : SearchWorld(DatabaseKind.Sqlite);

public sealed class PostgresSearchWorld() : SearchWorld(DatabaseKind.Postgres);

/// <summary>The search read model: equal to the search over the detail tables for every kind of reader and filter, equal to
/// a rebuild from scratch, full-text in every script, keyset paging.</summary>
public abstract class CaseSearchReadModelTests(SearchWorld world)
{
    private static readonly CaseReader[] Readers =
    [
        CaseReader.Public, CaseReader.StatesParties, CaseReader.Secretariat,
        CaseReader.ForStates(["NGA"]), CaseReader.ForStates(["CHE", "CYP"]), CaseReader.ForStates(["GBR", "SGP"]),
    ];

    private static readonly CaseFilter[] Filters =
    [
        new(),
        new() { Q = "société" }, new() { Q = "SOCIÉTÉ écran" }, new() { Q = "资产" }, new() { Q = "资产追回" }, new() { Q = "秘密摘要" }, new() { Q = "дело" },
        new() { Q = "nominee" }, new() { Q = "pension" }, new() { Q = "in" }, new() { Q = "%" }, new() { Q = "a_b" }, new() { Q = "\"quoted\"" },
        new() { State = "NGA" }, new() { State = "CYP" }, new() { State = "CHE", Role = StateRole.Requested }, new() { Role = StateRole.Transit },
        new() { Region = RegionalGroup.African }, new() { Region = RegionalGroup.WesternEuropeanOther, Role = StateRole.Requested },
        new() { Stage = Stage.Returned }, new() { Stage = Stage.Confiscated, YearFrom = 2012, YearTo = 2016 }, new() { Stage = Stage.Frozen, AssetType = AssetType.RealEstate },
        new() { AssetType = AssetType.Securities }, new() { Challenge = "DualCriminality" }, new() { Challenge = "ForeignConfiscationOrderEnforcement" },
        new() { Requesting = "NGA", Requested = "CHE" }, new() { Route = "Art54_1c" }, new() { Offence = "Art15" },
        new() { YearFrom = 2015, YearTo = 2016 }, new() { YearTo = 2008 }, new() { MinUsd = 1_000_000m }, new() { MinUsd = 100_000m, MaxUsd = 500_000m }, new() { MaxUsd = 200_000m },
        new() { State = "GBR", Stage = Stage.Frozen, Q = "synthetic" },
    ];

    private static string Json(CaseSearchResult result) =>
        JsonSerializer.Serialize(new { result.Items, result.Total, result.Facets }, RecoveryWatchApp.Json);

    [Fact]
    public async Task The_read_model_answers_as_the_detail_tables_do_for_every_reader_filter_and_order()
    {
        await using var scope = world.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>();
        var search = new SearchCases(db);
        var legacy = new LegacySearchCases(db);
        var cases = Filters.Select(f => (Filter: f, Facets: true))
            .Concat(Enum.GetValues<CaseSort>().Select(s => (Filter: new CaseFilter { Sort = s }, Facets: false)))
            .Concat(Enum.GetValues<CaseSort>().Select(s => (Filter: new CaseFilter { State = "GBR", Sort = s }, Facets: false)));
        foreach (var reader in Readers)
        {
            foreach (var (filter, facets) in cases)
            {
                var expected = await legacy.HandleAsync(filter, reader, 1, 200, facets);
                var actual = await search.HandleAsync(filter, reader, 1, 200, facets);
                Assert.True(Json(expected) == Json(actual), $"{reader.Clearance} [{string.Join(",", reader.OwnStates)}] {filter}:\n{Json(expected)}\n{Json(actual)}");
            }
        }
    }

    [Fact]
    public async Task The_read_model_kept_by_the_writes_equals_a_rebuild_and_a_backfill()
    {
        var incremental = await SnapshotAsync();
        Assert.Contains(incremental, l => l.StartsWith("term|", StringComparison.Ordinal) && l.Contains("|Challenge|DualCriminality", StringComparison.Ordinal));
        await using (var scope = world.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RebuildCountedFigures>().HandleAsync("test");
        }

        Assert.Equal(incremental, await SnapshotAsync());

        // A database whose cases predate the read model gets it once, at start.
        await world.WithDbAsync(async db =>
        {
            await db.CaseSearchRows.ExecuteDeleteAsync();
            await db.CaseSearchTerms.ExecuteDeleteAsync();
            await db.CaseSearchStages.ExecuteDeleteAsync();
            await db.CaseSearchYears.ExecuteDeleteAsync();
            await db.CaseSearchAmounts.ExecuteDeleteAsync();
        });
        await using (var scope = world.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        Assert.Equal(incremental, await SnapshotAsync());
    }

    private async Task<List<string>> SnapshotAsync()
    {
        List<string> lines = [];
        await world.WithDbAsync(async db =>
        {
            lines.AddRange((await db.CaseSearchRows.AsNoTracking().ToListAsync())
                .Select(r => $"row|{r.CaseId}|{r.Audience}|{r.Status}|{r.Title}|{r.IsSynthetic}|{r.SummaryVisible}|{r.SortFirstYear}|{r.SortLastYear}|{r.FirstYear}|{r.LastYear}"));
            lines.AddRange((await db.CaseSearchTerms.AsNoTracking().ToListAsync()).Select(t => $"term|{t.CaseId}|{t.Audience}|{t.Kind}|{t.Code}"));
            lines.AddRange((await db.CaseSearchStages.AsNoTracking().ToListAsync())
                .Select(s => $"stage|{s.CaseId}|{s.Audience}|{s.Stage}|{s.FirstYear}|{s.Measures}|{RecoveryWatch.Common.Amounts.Normalize(s.UsdTotal)}"));
            lines.AddRange((await db.CaseSearchYears.AsNoTracking().ToListAsync()).Select(y => $"year|{y.CaseId}|{y.Audience}|{y.Year}"));
            lines.AddRange((await db.CaseSearchAmounts.AsNoTracking().ToListAsync()).Select(a => $"usd|{a.CaseId}|{a.Audience}|{RecoveryWatch.Common.Amounts.Normalize(a.Usd)}"));
            if (!db.IsPostgres)
            {
                lines.AddRange(await db.Database.SqlQueryRaw<string>("SELECT 'text|' || rowid || '|' || \"Title\" || '|' || \"Summary\" AS \"Value\" FROM \"CaseSearchText\"").ToListAsync());
            }
        });
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private async Task<int[]> FindAsync(string q, HttpClient? client = null)
    {
        var http = client ?? world.CreateClient();
        var body = await http.GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=200&q=" + Uri.EscapeDataString(q));
        return [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).Order()];
    }

    [Fact]
    public async Task Free_text_finds_title_and_public_summary_in_every_script_whatever_the_case()
    {
        Assert.Equal([world.French], await FindAsync("SOCIÉTÉ"));
        Assert.Equal([world.French], await FindAsync("écran"));
        Assert.Equal([world.French], await FindAsync("Genève"));
        Assert.Equal([world.Spanish], await FindAsync("EMPRESA FANTASMA"));
        Assert.Equal([world.Spanish], await FindAsync("panamá"));
        Assert.Equal([world.English], await FindAsync("Shell Company"));
        Assert.Equal([world.Russian], await FindAsync("ДЕЛО О ХИЩЕНИИ"));
        Assert.Equal([world.Russian], await FindAsync("хищ"));
        Assert.Equal([world.Arabic], await FindAsync("غسل الأموال"));
        Assert.Equal([world.Arabic], await FindAsync("سويسرا"));
        Assert.Equal([world.Greek], await FindAsync("δωροδοκ"));
        // Chinese: no spaces between words; two characters (below the trigram) and four.
        Assert.Equal([world.Chinese], await FindAsync("资产"));
        Assert.Equal([world.Chinese], await FindAsync("资产追回"));
        Assert.Equal([world.Chinese], await FindAsync("追回合作"));
        Assert.Empty(await FindAsync("资产追回案"));
    }

    [Fact]
    public async Task Free_text_never_matches_a_restricted_summary_for_the_public_in_any_script()
    {
        foreach (var q in new[] { "秘密摘要", "秘密", "خاص سري", "سري" })
        {
            Assert.Empty(await FindAsync(q));
        }

        using var secretariat = await world.SecretariatClientAsync();
        Assert.Equal([world.Restricted], await FindAsync("秘密摘要", secretariat));
        Assert.Equal([world.Restricted], await FindAsync("سري", secretariat));
        Assert.Equal([world.Chinese, world.Restricted], await FindAsync("资产", secretariat));
    }

    private static async Task<(List<int> Ids, int Total)> WalkAsync(HttpClient client, string query, bool byCursor)
    {
        var ids = new List<int>();
        var total = -1;
        string? cursor = null;
        for (var page = 1; page < 100; page++)
        {
            var url = "/api/v1/cases?pageSize=7&" + query + (byCursor ? (cursor is null ? string.Empty : "&cursor=" + cursor) : "&page=" + page);
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            total = body.GetProperty("total").GetInt32();
            var items = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
            ids.AddRange(items);
            var hasNext = body.TryGetProperty("nextCursor", out var next);
            Assert.Equal(hasNext, body.TryGetProperty("next", out _));
            if (byCursor)
            {
                Assert.Equal(cursor is null, body.TryGetProperty("page", out _));
                if (!hasNext)
                {
                    break;
                }

                cursor = next.GetString();
            }
            else if (items.Count == 0)
            {
                break;
            }
        }

        return (ids, total);
    }

    [Theory]
    [InlineData("sort=Latest")]
    [InlineData("sort=Oldest")]
    [InlineData("sort=Title")]
    [InlineData("sort=TitleDescending")]
    [InlineData("sort=Newest")]
    [InlineData("sort=Latest&state=GBR")]
    [InlineData("sort=Oldest&offence=Art17")]
    public async Task Walking_by_cursor_returns_every_case_once_in_the_order_of_the_pages(string query)
    {
        using var secretariat = await world.SecretariatClientAsync();
        foreach (var client in new[] { world.CreateClient(), secretariat })
        {
            var (byPage, total) = await WalkAsync(client, query, byCursor: false);
            var (byCursor, _) = await WalkAsync(client, query, byCursor: true);
            Assert.Equal(total, byPage.Count);
            Assert.Equal(byPage, byCursor);
            Assert.Equal(byCursor.Count, byCursor.Distinct().Count());
        }
    }

    [Fact]
    public async Task The_next_address_gives_the_next_page()
    {
        var first = await world.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=3&sort=Title&state=GBR");
        var second = await world.CreateClient().GetFromJsonAsync<JsonElement>(first.GetProperty("next").GetString());
        var byPage = await world.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=3&sort=Title&state=GBR&page=2");
        Assert.Equal(byPage.GetProperty("items").ToString(), second.GetProperty("items").ToString());
        Assert.Equal(byPage.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=eyJ9")]
    [InlineData("cursor=e30")]
    [InlineData("cursor=AAAA")]
    [InlineData("cursor=eyJTIjoiTmV3ZXN0IiwiSSI6MTAsIlkiOm51bGwsIlQiOm51bGx9&sort=Title")]
    [InlineData("cursor=eyJTIjoiTmV3ZXN0IiwiSSI6MTAsIlkiOm51bGwsIlQiOm51bGx9&sort=Newest&page=2")]
    public async Task A_bad_cursor_is_a_problem_naming_cursor(string query)
    {
        var response = await world.CreateClient().GetAsync("/api/v1/cases?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _), problem.ToString());
        var good = await world.CreateClient().GetAsync("/api/v1/cases?sort=Newest&cursor=eyJTIjoiTmV3ZXN0IiwiSSI6MTAsIlkiOm51bGwsIlQiOm51bGx9");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }
}

public sealed class SqliteCaseSearchReadModelTests(SqliteSearchWorld world) : CaseSearchReadModelTests(world), IClassFixture<SqliteSearchWorld>;

public sealed class PostgresCaseSearchReadModelTests(PostgresSearchWorld world) : CaseSearchReadModelTests(world), IClassFixture<PostgresSearchWorld>;
