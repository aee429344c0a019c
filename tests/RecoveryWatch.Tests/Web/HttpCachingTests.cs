using System.Collections.Concurrent;
using System.Data.Common;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.Collection;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;
using static RecoveryWatch.Tests.Infrastructure.CaseBuilder;

namespace RecoveryWatch.Tests.Web;

/// <summary>Every SQL command the application sends, to show which requests reach the database.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();

    public int Count => _commands.Count;

    /// <summary>The commands from the <paramref name="from"/>-th on, except the read of the case data generation.</summary>
    public IReadOnlyList<string> Since(int from) => [.. _commands.Skip(from).Where(c => !c.Contains(CaseDataGeneration.TableName, StringComparison.Ordinal))];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}

/// <summary>The known world with a row in every table the case data generation watches (an information round, a third
/// party), every SQL command logged, and no background sweep to add commands of its own.</summary>
/// <summary>The app's output cache store, recording the tags each answer is stored under and the tags evicted.</summary>
public sealed class RecordingOutputCacheStore(IOutputCacheStore inner) : IOutputCacheStore
{
    public ConcurrentQueue<string> Stored { get; } = new();

    public ConcurrentQueue<string> Evicted { get; } = new();

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        Evicted.Enqueue(tag);
        return inner.EvictByTagAsync(tag, cancellationToken);
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        foreach (var tag in tags ?? [])
        {
            Stored.Enqueue(tag);
        }

        return inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }
}

public class CachingWorld(DatabaseKind kind) : WorldApp(kind)
{
    public CommandLog Commands { get; } = new();

    public RecordingOutputCacheStore OutputCache { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.WithoutSilenceSweep();
            services.ConfigureDbContext<RecoveryWatchDbContext>(options => options.AddInterceptors(Commands));
            var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
            services.Remove(store);
            services.AddSingleton<IOutputCacheStore>(provider => OutputCache = new RecordingOutputCacheStore((IOutputCacheStore)store.ImplementationFactory!(provider)));
        });
    }

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedDemoRound>().HandleAsync();
        }

        await CreateCaseAsync(Case("November claim of a bona fide purchaser").Between("NGA", "GBR").Measure(Stage.Frozen, 10m, "GBP", "2014").Build() with
        {
            ThirdParties = [new ThirdPartyInput { Kind = ThirdPartyKind.BonaFideClaimant, Description = "A purchaser of the flat", Visibility = Visibility.Public }],
        });
    }

    public async Task<long> GenerationAsync()
    {
        long? value = null;
        await WithDbAsync(async db => value = await CaseDataGeneration.ReadAsync(db));
        return value ?? throw new InvalidOperationException("The generation row is missing.");
    }
}

public sealed class SqliteCachingWorld() : CachingWorld(DatabaseKind.Sqlite);

public sealed class PostgresCachingWorld() : CachingWorld(DatabaseKind.Postgres);

/// <summary>
/// HTTP caching of public reads (issue 9): weak ETags and 304 without the endpoint's queries, the output cache keyed by the
/// case data generation so that any change — API, raw ExecuteUpdate/ExecuteDelete, another instance — shows at once,
/// signed-in answers never shared, Brotli/gzip with the BREACH rule, and the triggers that move the generation.
/// </summary>
public abstract class HttpCachingTests(CachingWorld world)
{
    private HttpClient Anonymous(string? baseAddress = null) => world.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = false,
        BaseAddress = new Uri(baseAddress ?? "http://localhost"),
    });

    private string[] PublicReads =>
    [
        "/cases", "/cases?q=Alpha&page=1", "/api/v1/cases?pageSize=25", $"/cases/{world.Alpha}", $"/api/v1/cases/{world.Alpha}",
        "/statistics", "/api/v1/statistics/volumes?by=year", "/api/v1/statistics/durations", "/api/v1/statistics/flows",
        "/api/v1/statistics/challenges", "/api/v1/statistics/coverage", "/api/v1/statistics/charts/by-year.svg",
        "/api/v1/export/cases.csv", "/api/v1/export/cases.json", "/api/v1/export/cases.xlsx", "/codebook", "/api/v1/codebook",
    ];

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, EntityTagHeaderValue? ifNoneMatch = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Every_public_read_has_a_weak_etag_and_answers_a_match_with_304_without_its_queries()
    {
        using var client = Anonymous();
        foreach (var url in PublicReads)
        {
            var first = await GetAsync(client, url);
            Assert.True(first.StatusCode == HttpStatusCode.OK, $"{url}: {(int)first.StatusCode}");
            var etag = first.Headers.ETag;
            Assert.True(etag is { IsWeak: true }, $"{url} has no weak ETag: {first.Headers}");
            Assert.True(first.Headers.CacheControl is { Public: true, NoCache: true }, $"{url}: Cache-Control {first.Headers.CacheControl}");
            foreach (var header in new[] { "Accept-Encoding", "Accept-Language", "Cookie", "Authorization" })
            {
                Assert.Contains(header, first.Headers.Vary, StringComparer.OrdinalIgnoreCase);
            }

            var before = world.Commands.Count;
            var second = await GetAsync(client, url, etag);
            Assert.True(second.StatusCode == HttpStatusCode.NotModified, $"{url}: {(int)second.StatusCode}");
            Assert.Equal(etag, second.Headers.ETag);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());
            Assert.True(world.Commands.Since(before).Count == 0, $"{url} ran queries for a 304: {string.Join(" | ", world.Commands.Since(before))}");

            // Another address, or another tag, is not the same representation.
            var other = await GetAsync(client, url, new EntityTagHeaderValue("\"something-else\"", isWeak: true));
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
    }

    [Fact]
    public async Task The_tag_and_the_cached_page_follow_the_readers_language()
    {
        using var client = Anonymous();
        var english = await GetAsync(client, "/cases", language: "en");
        var french = await GetAsync(client, "/cases", language: "fr");
        var chineseByQuery = await GetAsync(client, "/cases?culture=zh", language: "fr");
        Assert.NotEqual(english.Headers.ETag, french.Headers.ETag);
        Assert.Contains("lang=\"fr\"", await french.Content.ReadAsStringAsync());
        Assert.Contains("lang=\"zh\"", await chineseByQuery.Content.ReadAsStringAsync());
        // The English tag does not validate the French page, and the cached English page is not served in French.
        var frenchAgain = await GetAsync(client, "/cases", english.Headers.ETag, language: "fr");
        Assert.Equal(HttpStatusCode.OK, frenchAgain.StatusCode);
        Assert.Contains("lang=\"fr\"", await frenchAgain.Content.ReadAsStringAsync());
        var englishAgain = await GetAsync(client, "/cases", language: "en");
        Assert.Contains("lang=\"en\"", await englishAgain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_repeated_anonymous_read_comes_from_the_output_cache()
    {
        using var client = Anonymous();
        foreach (var url in new[] { "/cases?q=Bravo", $"/cases/{world.Bravo}", "/api/v1/cases?q=Bravo", "/api/v1/statistics/volumes?by=region", "/statistics?stage=Frozen" })
        {
            var first = await (await GetAsync(client, url)).Content.ReadAsStringAsync();
            var before = world.Commands.Count;
            var second = await GetAsync(client, url);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal(first, await second.Content.ReadAsStringAsync());
            Assert.True(world.Commands.Since(before).Count == 0, $"{url} was computed again: {string.Join(" | ", world.Commands.Since(before))}");
        }
    }

    [Fact]
    public async Task An_edit_through_the_api_shows_in_the_next_anonymous_read_and_changes_the_tag()
    {
        var id = await world.CreateCaseAsync(Case("Kilo cached title").Between("NGA", "CHE").Measure(Stage.Frozen, 10m, "USD", "2019"));
        using var client = Anonymous();
        string[] urls = ["/api/v1/cases?q=Kilo", $"/api/v1/cases/{id}", "/cases?q=Kilo", $"/cases/{id}", "/api/v1/export/cases.csv?q=Kilo"];
        var tags = new Dictionary<string, EntityTagHeaderValue>();
        foreach (var url in urls)
        {
            for (var i = 0; i < 2; i++)
            {
                var response = await GetAsync(client, url);
                Assert.Contains("Kilo cached title", await response.Content.ReadAsStringAsync());
                tags[url] = response.Headers.ETag!;
            }
        }

        using (var secretariat = await world.SecretariatClientAsync())
        {
            var update = Case("Kilo renamed title").Between("NGA", "CHE").Measure(Stage.Frozen, 10m, "USD", "2019").Build();
            Assert.Equal(HttpStatusCode.OK, (await secretariat.PutAsJsonAsync($"/api/v1/cases/{id}", update, RecoveryWatchApp.Json)).StatusCode);
        }

        foreach (var url in urls)
        {
            var response = await GetAsync(client, url, tags[url]);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} still answers {(int)response.StatusCode} to the old tag");
            Assert.NotEqual(tags[url], response.Headers.ETag);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Kilo renamed title", body);
            Assert.DoesNotContain("Kilo cached title", body);
        }
    }

    /// <summary>Answers of an older generation can never be served again; they leave memory at the first read of the new
    /// one instead of staying until they expire (under steady imports memory grew with every write; bench/load's soak).</summary>
    [Fact]
    public async Task The_answers_of_an_older_generation_leave_the_output_cache_when_a_newer_one_is_read()
    {
        using var client = Anonymous();
        var url = "/api/v1/cases?q=Alpha&pageSize=7";
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, url)).StatusCode);
        var before = await world.GenerationAsync();
        var olderTag = "case-data-generation:" + before.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(olderTag, world.OutputCache.Stored);

        await world.CreateCaseAsync(Case("Lima evicted generation").Between("NGA", "CHE").Measure(Stage.Frozen, 10m, "USD", "2019"));
        Assert.True(await world.GenerationAsync() > before);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, url)).StatusCode);

        Assert.Contains(olderTag, world.OutputCache.Evicted);
        var newerTag = "case-data-generation:" + (await world.GenerationAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(newerTag, world.OutputCache.Evicted);
        Assert.Contains(newerTag, world.OutputCache.Stored);
    }

    [Fact]
    public async Task A_raw_ExecuteUpdate_or_ExecuteDelete_moves_the_generation_and_no_stale_answer_is_served()
    {
        var id = await world.CreateCaseAsync(Case("Lima raw title").Between("NGA", "CHE").Measure(Stage.Frozen, 10m, "USD", "2019"));
        using var client = Anonymous();
        var first = await GetAsync(client, $"/api/v1/cases/{id}");
        Assert.Contains("Lima raw title", await first.Content.ReadAsStringAsync());

        var before = await world.GenerationAsync();
        await world.WithDbAsync(db => db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, "Lima raw update")));
        var afterUpdate = await world.GenerationAsync();
        Assert.True(afterUpdate > before, $"ExecuteUpdate left the generation at {before}");

        var second = await GetAsync(client, $"/api/v1/cases/{id}", first.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Lima raw update", await second.Content.ReadAsStringAsync());

        await world.WithDbAsync(db => db.Cases.Where(c => c.Id == id).ExecuteDeleteAsync());
        Assert.True(await world.GenerationAsync() > afterUpdate, "ExecuteDelete did not move the generation");
        var gone = await GetAsync(client, $"/api/v1/cases/{id}", second.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(gone.Headers.ETag);
        Assert.True(gone.Headers.CacheControl is { NoCache: true }, $"Cache-Control of a 404: {gone.Headers.CacheControl}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_focal_points_restricted_details_never_reach_an_anonymous_reader_through_a_cache(bool focalPointFirst)
    {
        var marker = "?attack=" + Guid.NewGuid().ToString("N");
        string[] urls = [$"/cases/{world.Alpha}{marker}", $"/api/v1/cases/{world.Alpha}{marker}", $"/api/v1/export/cases.json{marker}"];
        using var page = FormClient.Create(world);
        await page.SignInAsync(WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword);
        using var bearer = await world.BearerClientAsync(WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword);
        using var anonymous = Anonymous();

        async Task FocalPointReadsAsync()
        {
            foreach (var (client, url) in new[] { (page.Http, urls[0]), (bearer, urls[1]), (bearer, urls[2]), (page.Http, urls[2]) })
            {
                var response = await GetAsync(client, url);
                Assert.Contains(WorldApp.RestrictedNigeria, await response.Content.ReadAsStringAsync());
                Assert.Null(response.Headers.ETag);
                Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"{url}: Cache-Control {response.Headers.CacheControl}");
            }
        }

        async Task AnonymousReadsAsync()
        {
            foreach (var url in urls)
            {
                for (var i = 0; i < 2; i++)
                {
                    var response = await GetAsync(anonymous, url);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.DoesNotContain(WorldApp.RestrictedNigeria, await response.Content.ReadAsStringAsync());
                }
            }
        }

        if (focalPointFirst)
        {
            await FocalPointReadsAsync();
            await AnonymousReadsAsync();
        }
        else
        {
            await AnonymousReadsAsync();
            await FocalPointReadsAsync();
        }

        // The anonymous tag does not turn a signed-in read into a 304 of the anonymous answer.
        var anonymousTag = (await GetAsync(anonymous, urls[1])).Headers.ETag;
        var signedIn = await GetAsync(bearer, urls[1], anonymousTag);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(WorldApp.RestrictedNigeria, await signedIn.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Public_reads_and_static_files_are_compressed(string encoding)
    {
        using var client = Anonymous();
        foreach (var url in new[] { "/cases", "/api/v1/cases?pageSize=25", "/api/v1/export/cases.csv", "/api/v1/statistics/charts/by-year.svg", "/css/site.css", "/js/site.js", "/api/v1/codebook" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Content.Headers.ContentEncoding.Contains(encoding), $"{url} is not {encoding}-encoded");
            Assert.Contains("Accept-Encoding", response.Headers.Vary, StringComparer.OrdinalIgnoreCase);
            await using var compressed = await response.Content.ReadAsStreamAsync();
            await using Stream decoder = encoding == "br" ? new BrotliStream(compressed, CompressionMode.Decompress) : new GZipStream(compressed, CompressionMode.Decompress);
            using var text = new StreamReader(decoder);
            Assert.NotEmpty(await text.ReadToEndAsync());
        }
    }

    [Fact]
    public async Task Over_https_a_signed_in_browser_gets_its_pages_uncompressed_against_breach()
    {
        static HttpRequestMessage Brotli(string url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.ParseAdd("br");
            return request;
        }

        using var anonymous = Anonymous("https://localhost");
        Assert.Contains("br", (await anonymous.SendAsync(Brotli("/cases?q=Alpha"))).Content.Headers.ContentEncoding);

        using var browser = new FormClient(world.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") }));
        await browser.SignInAsync(WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword);
        var page = await browser.Http.SendAsync(Brotli("/cases?q=Alpha"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Empty(page.Content.Headers.ContentEncoding);
        Assert.Contains(WorldApp.NigeriaFocalPointEmail, await page.Content.ReadAsStringAsync());
        Assert.Contains("br", (await browser.Http.SendAsync(Brotli("/css/site.css"))).Content.Headers.ContentEncoding);

        using var signedIn = await world.BearerClientAsync(WorldApp.NigeriaFocalPointEmail, WorldApp.UserPassword);
        using var bearer = Anonymous("https://localhost");
        bearer.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        Assert.Contains("br", (await bearer.SendAsync(Brotli("/api/v1/cases?pageSize=25"))).Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task The_generation_triggers_exist_on_every_listed_table_and_fire_for_each()
    {
        await world.WithDbAsync(async db =>
        {
            var tables = db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null).ToLookup(t => t.GetTableName()!);
            var caseType = db.Model.FindEntityType(typeof(Case))!;
            // Every table that holds a part of a case (a foreign key to Cases) is watched, so a new detail table cannot be forgotten.
            foreach (var detail in db.Model.GetEntityTypes().Where(t => t.GetForeignKeys().Any(f => f.PrincipalEntityType == caseType)
                && !CaseDataGenerationSql.DerivedWithTheirCase.Contains(t.GetTableName())))
            {
                Assert.Contains(detail.GetTableName(), CaseDataGenerationSql.Tables);
            }

            Assert.True(await CaseDataGeneration.TriggersInstalledAsync(db));
            foreach (var table in CaseDataGenerationSql.Tables)
            {
                Assert.True(tables.Contains(table), $"{table} is not a table of the model");
                if (db.IsPostgres)
                {
                    // AFTER, FOR EACH STATEMENT, on INSERT (4), DELETE (8), UPDATE (16) and TRUNCATE (32), enabled.
                    var type = await db.Database.SqlQueryRaw<int>(
                        "SELECT t.tgtype::int AS \"Value\" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relname = {0} AND t.tgname = {1} AND t.tgenabled = 'O'",
                        table, "CaseDataGeneration_" + table).ToListAsync();
                    Assert.Equal([60], type);
                }
                else
                {
                    foreach (var operation in new[] { "INSERT", "UPDATE", "DELETE" })
                    {
                        var sql = await db.Database.SqlQueryRaw<string>(
                            "SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = {0} AND name = {1}",
                            table, CaseDataGenerationSql.SqliteTrigger(table, operation)).ToListAsync();
                        Assert.True(sql.Count == 1 && sql[0].Contains($"AFTER {operation} ON \"{table}\"", StringComparison.Ordinal), $"{table}: no {operation} trigger");
                    }
                }

                // It fires: a change to the table, in a transaction rolled back, moves the generation inside it.
                var column = tables[table].SelectMany(t => t.GetProperties()).First(p => !p.IsKey() && !p.IsForeignKey()).GetColumnName();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var before = await CaseDataGeneration.ReadAsync(db);
                // Names from the model, not from input.
                var touch = "UPDATE \"" + table + "\" SET \"" + column + "\" = \"" + column + "\"";
                var rows = await db.Database.ExecuteSqlRawAsync(touch);
                Assert.True(rows > 0, $"The fixture has no row in {table} to change");
                Assert.True(await CaseDataGeneration.ReadAsync(db) > before, $"An update of {table} did not move the generation");
                await transaction.RollbackAsync();
            }
        });
    }

    [Fact]
    public async Task Parallel_writers_each_move_the_generation_once_and_none_is_lost()
    {
        int[] ids = [world.Alpha, world.Bravo, world.Charlie, world.Delta, world.Echo, world.Foxtrot, world.Golf];
        var before = await world.GenerationAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = ids.Select(async id =>
        {
            await using var scope = world.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>();
            await db.Database.OpenConnectionAsync();
            await start.Task;
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Cases\" SET \"Title\" = \"Title\" WHERE \"Id\" = {0}", id);
            var seen = await CaseDataGeneration.ReadAsync(db);
            await transaction.CommitAsync();
            return seen!.Value;
        }).ToList();
        start.SetResult();
        var seen = await Task.WhenAll(writers);

        // Each writer saw its own bump on top of every writer that committed before it: one distinct value each, no gap.
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => before + i), seen.Order());
        Assert.Equal(before + ids.Length, await world.GenerationAsync());
    }

    [Fact]
    public async Task Parallel_edits_through_the_api_all_show_in_the_anonymous_list()
    {
        var ids = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await world.CreateCaseAsync(Case($"Mike parallel {i} before").Between("NGA", "CHE").Measure(Stage.Frozen, 10m, "USD", "2019")));
        }

        using var anonymous = Anonymous();
        var list = await GetAsync(anonymous, "/api/v1/cases?q=Mike&pageSize=25");
        var tag = list.Headers.ETag;
        var before = await world.GenerationAsync();

        var clients = new List<HttpClient>();
        for (var i = 0; i < ids.Count; i++)
        {
            clients.Add(await world.SecretariatClientAsync());
        }

        var edits = await Task.WhenAll(ids.Select((id, i) => clients[i].PutAsJsonAsync($"/api/v1/cases/{id}",
            Case($"Mike parallel {i} after").Between("NGA", "CHE").Measure(Stage.Frozen, 10m, "USD", "2019").Build(), RecoveryWatchApp.Json)));
        Assert.All(edits, e => Assert.Equal(HttpStatusCode.OK, e.StatusCode));
        Assert.True(await world.GenerationAsync() >= before + ids.Count);

        var after = await GetAsync(anonymous, "/api/v1/cases?q=Mike&pageSize=25", tag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var body = await after.Content.ReadAsStringAsync();
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Contains($"Mike parallel {i} after", body);
            Assert.DoesNotContain($"Mike parallel {i} before", body);
        }

        clients.ForEach(c => c.Dispose());
    }
}

public sealed class SqliteHttpCachingTests(SqliteCachingWorld world) : HttpCachingTests(world), IClassFixture<SqliteCachingWorld>;

public sealed class PostgresHttpCachingTests(PostgresCachingWorld world) : HttpCachingTests(world), IClassFixture<PostgresCachingWorld>;
