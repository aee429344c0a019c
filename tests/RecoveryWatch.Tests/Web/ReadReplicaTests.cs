using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RecoveryWatch.Analytics;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.Identity;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Tests.Infrastructure;
using RecoveryWatch.Web.Infrastructure;
using static RecoveryWatch.Tests.Infrastructure.CaseBuilder;

namespace RecoveryWatch.Tests.Web;

/// <summary>One published case. On PostgreSQL, anonymous public reads go to the streaming replica that ./scripts/test starts
/// (RECOVERYWATCH_TEST_POSTGRES_REPLICA); SQLite has no replica and refuses one.</summary>
public class ReplicaWorld(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public const string SeededTitle = "Seeded before the replica caught up";

    public int Seeded { get; private set; }

    protected override bool ReadsFromReplica => Kind == DatabaseKind.Postgres;

    protected override async Task SeedAsync() =>
        Seeded = await CreateCaseAsync(Case(SeededTitle).Between("NGA", "CHE").Measure(Stage.Frozen, 1_000m, "CHF", "2019").Offence("Art17"));
}

public sealed class SqliteReplicaWorld() : ReplicaWorld(DatabaseKind.Sqlite);

public sealed class PostgresReplicaWorld() : ReplicaWorld(DatabaseKind.Postgres);

/// <summary>
/// Public reads past one machine: anonymous GETs of the public pages and the open-data API are answered from a read replica,
/// everything else from the primary; a write appears in the public read once replicated; a replica that cannot be reached
/// hands its reads to the primary. The replica is real (a streaming standby made with pg_basebackup -R), and pausing its
/// replay shows which database answered: the public sees the past, a signed-in reader the present.
/// </summary>
public abstract partial class ReadReplicaTests(ReplicaWorld world)
{
    /// <summary>Anonymous GETs that stay on the primary on purpose: identity (sign-in pages, whose stores must see an account
    /// the moment it exists), the health check (it reports on the primary), and addresses that read no data.</summary>
    private static readonly string[] PrimaryByDesign = ["/healthz", "/account/", "/error", "/language", "/openapi/", "/api/docs", "/"];

    protected ReplicaWorld World => world;

    [Fact]
    public void Every_anonymous_page_and_endpoint_is_a_public_read_or_stays_on_the_primary_on_purpose()
    {
        var endpoints = world.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null
                && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains("GET"))
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), PublicRead: ReplicaReads.IsPublicRead(e)))
            .ToList();
        var unclassified = endpoints
            .Where(e => !e.PublicRead && !PrimaryByDesign.Any(p => p == "/" ? e.Pattern == "/" : e.Pattern.StartsWith(p, StringComparison.Ordinal)))
            .Select(e => e.Pattern).Distinct().ToList();
        Assert.True(unclassified.Count == 0,
            "Anonymous GETs that neither read from the replica nor are listed as staying on the primary (mark them .ReadsFromReplica(), "
            + "add their folder to ReplicaReads.PublicPages, or list them here with the reason): " + string.Join(", ", unclassified));
        Assert.Contains(endpoints, e => e.PublicRead && e.Pattern == "/cases/{id:int}");
        Assert.Contains(endpoints, e => e.PublicRead && e.Pattern == "/api/v1/cases/");
        Assert.Contains(endpoints, e => e.PublicRead && e.Pattern.StartsWith("/api/v1/statistics/", StringComparison.Ordinal));
        Assert.Contains(endpoints, e => e.PublicRead && e.Pattern.StartsWith("/api/v1/export/", StringComparison.Ordinal));
        Assert.DoesNotContain(endpoints, e => e.PublicRead && e.Pattern.StartsWith("/account/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_public_read_answers_without_error()
    {
        using var anonymous = world.CreateClient();
        var failures = new List<string>();
        var answered = 0;
        foreach (var url in PublicReadAddresses())
        {
            using var response = await anonymous.GetAsync(url);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            answered += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(answered > 20, $"Only {answered} public reads answered 200.");
        await AssertPublicReadsCameFromReplicaAsync();
    }

    [Fact]
    public async Task A_case_written_through_the_api_appears_in_the_public_read()
    {
        const string title = "Written on the primary, read by the public";
        var id = await world.CreateCaseAsync(Case(title).Between("PER", "USA").Measure(Stage.Seized, 2_000m, "USD", "2020").Offence("Art17"));
        using var anonymous = world.CreateClient();
        await EventuallyAsync(async () =>
            (await anonymous.GetAsync(Address("/api/v1/cases/{0}", id))).StatusCode == HttpStatusCode.OK
            && (await anonymous.GetStringAsync("/api/v1/cases?pageSize=200")).Contains(title, StringComparison.Ordinal)
            && (await anonymous.GetStringAsync(Address("/cases/{0}?culture=en", id))).Contains(title, StringComparison.Ordinal));
        await AssertPublicReadsCameFromReplicaAsync();
    }

    /// <summary>On PostgreSQL: the replica answered public reads (its connections carry the application name the app gives
    /// them), and the primary never had to stand in for it. Nothing to check on SQLite.</summary>
    protected virtual Task AssertPublicReadsCameFromReplicaAsync() => Task.CompletedTask;

    /// <summary>Every GET marked as a public read, with the seeded case's id and real codes in the route.</summary>
    private List<string> PublicReadAddresses()
    {
        var symbol = Uri.EscapeDataString("CAC/COSP/WG.2/2020/1");
        var caseId = world.Seeded.ToString(CultureInfo.InvariantCulture);
        var addresses = world.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => ReplicaReads.IsPublicRead(e) && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .Select(pattern =>
            {
                var url = IdParameter().Replace(pattern, m => pattern.StartsWith("/cases", StringComparison.Ordinal) || pattern.StartsWith("/api/v1/cases", StringComparison.Ordinal) ? caseId : "1");
                url = url.Replace("{format}", "csv", StringComparison.Ordinal)
                    .Replace("{chart}", "map", StringComparison.Ordinal)
                    .Replace("{symbol}", symbol, StringComparison.Ordinal)
                    .Replace("{lang}", "en", StringComparison.Ordinal)
                    .Replace("{number:int}", "1", StringComparison.Ordinal);
                url = StateParameter().Replace(url, "NGA");
                return CodeParameter().Replace(url, "DualCriminality");
            })
            .ToList();
        Assert.DoesNotContain(addresses, a => a.Contains('{', StringComparison.Ordinal));
        addresses.AddRange(["/api/v1/statistics/volumes?by=year", "/api/v1/export/cases.json", "/api/v1/export/cases.xlsx", "/cases?q=Seeded&culture=zh"]);
        return addresses;
    }

    protected static string Address(string format, int id) => string.Format(CultureInfo.InvariantCulture, format, id);

    /// <summary>Polls until the condition holds: replication is asynchronous, but on one machine it takes milliseconds.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Not true within {seconds} s.");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"\{id[^}]*\}")]
    private static partial Regex IdParameter();

    [GeneratedRegex(@"\{state[^}]*\}")]
    private static partial Regex StateParameter();

    [GeneratedRegex(@"\{code\??\}")]
    private static partial Regex CodeParameter();
}

public sealed class SqliteReadReplicaTests(SqliteReplicaWorld world) : ReadReplicaTests(world), IClassFixture<SqliteReplicaWorld>
{
    /// <summary>A SQLite database is one file on one machine: a read replica setting is a mistake, refused at start with the
    /// reason rather than ignored (an operator would believe the load spread).</summary>
    [Fact]
    public void A_read_replica_with_sqlite_is_refused_at_start()
    {
        using var app = World.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:RecoveryWatchRead", "Host=127.0.0.1;Port=5433;Database=recoverywatch"));
        var exception = Assert.ThrowsAny<Exception>(() => app.Services);
        var refusal = exception as InvalidOperationException ?? exception.InnerException as InvalidOperationException;
        Assert.NotNull(refusal);
        Assert.Contains("ConnectionStrings:RecoveryWatchRead", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Database:Provider=Postgres", refusal.Message, StringComparison.Ordinal);
    }
}

public sealed class PostgresReadReplicaTests(PostgresReplicaWorld world) : ReadReplicaTests(world), IClassFixture<PostgresReplicaWorld>
{
    private const string ReplicaApplication = "RecoveryWatch public reads";
    private const string StandInApplication = "RecoveryWatch public reads (primary)";

    /// <summary>
    /// The replica's replay paused: what is written now exists on the primary only. The public does not see it (its reads come
    /// from the replica); the one who wrote it, and anyone signed in, does; an account created now can sign in (sign-in is an
    /// anonymous POST: it reads and writes the primary), and reads the primary from then on. Replay resumed, the public sees it.
    /// </summary>
    [Fact]
    public async Task While_the_replica_stands_still_the_public_sees_the_past_and_signed_in_readers_the_present()
    {
        const string title = "Written while the replica stands still";
        await World.Database.WaitForReplicaAsync();
        using var secretariat = await World.SecretariatClientAsync();
        using var anonymous = World.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Address("/api/v1/cases/{0}", World.Seeded))).StatusCode);
        await PauseReplayAsync();
        try
        {
            var id = await World.CreateCaseAsync(Case(title).Between("KEN", "GBR").Measure(Stage.Frozen, 3_000m, "GBP", "2021").Offence("Art17"));
            const string email = "delegate.while-paused@recoverywatch.test";
            const string password = "Long-enough-password-42";
            await using (var scope = World.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ManageUsers>().CreateAsync(
                    new SaveUserRequest { Email = email, DisplayName = "Delegate", Role = Roles.Delegate, States = ["KEN"] }, password, "test");
            }

            // The public reads the replica: neither the case, nor it in the list, the search page or the export.
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(Address("/api/v1/cases/{0}", id))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(Address("/cases/{0}", id))).StatusCode);
            Assert.DoesNotContain(title, await anonymous.GetStringAsync("/api/v1/cases?pageSize=200"), StringComparison.Ordinal);
            Assert.DoesNotContain(title, await anonymous.GetStringAsync("/api/v1/export/cases.csv"), StringComparison.Ordinal);
            Assert.Contains(ReplicaWorld.SeededTitle, await anonymous.GetStringAsync("/cases?culture=en"), StringComparison.Ordinal);
            Assert.DoesNotContain(title, await anonymous.GetStringAsync("/cases?culture=en"), StringComparison.Ordinal);

            // Signed-in readers read the primary: the writer with its bearer token, and the new account, which signs in on the
            // primary with a cookie (the page) and with a token (the API), although the replica has never heard of it.
            Assert.Equal(HttpStatusCode.OK, (await secretariat.GetAsync(Address("/api/v1/cases/{0}", id))).StatusCode);
            Assert.Contains(title, await secretariat.GetStringAsync("/api/v1/cases?pageSize=200"), StringComparison.Ordinal);
            using var browser = FormClient.Create(World);
            await browser.SignInAsync(email, password);
            Assert.Contains(title, await browser.Http.GetStringAsync(Address("/cases/{0}?culture=en", id)), StringComparison.Ordinal);
            using var bearer = await World.BearerClientAsync(email, password);
            Assert.Contains(title, await bearer.GetStringAsync("/api/v1/export/cases.csv"), StringComparison.Ordinal);

            await ResumeReplayAsync();
            await EventuallyAsync(async () =>
                (await anonymous.GetAsync(Address("/api/v1/cases/{0}", id))).StatusCode == HttpStatusCode.OK
                && (await anonymous.GetStringAsync("/api/v1/cases?pageSize=200")).Contains(title, StringComparison.Ordinal)
                && (await anonymous.GetStringAsync("/cases?culture=en")).Contains(title, StringComparison.Ordinal));
        }
        finally
        {
            await ResumeReplayAsync();
        }

        await AssertPublicReadsCameFromReplicaAsync();
    }

    /// <summary>The context of a public read tracks nothing and cannot save; SQL that would write is refused by the replica.</summary>
    [Fact]
    public async Task The_context_of_a_public_read_cannot_write()
    {
        await using var scope = World.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DatabaseRoute>().PreferReplica();
        var db = scope.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>();
        Assert.Equal(QueryTrackingBehavior.NoTracking, db.ChangeTracker.QueryTrackingBehavior);
        Assert.Equal(ReplicaApplication, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).ApplicationName);
        db.ExchangeRates.Add(new ExchangeRate("EUR", new DateOnly(2001, 1, 1), 1.1m, "test"));
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("read replica", refusal.Message, StringComparison.Ordinal);
        var sql = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"Cases\" SET \"Title\" = \"Title\" WHERE false"));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, sql.SqlState);

        // A scope of its own (a background step started by the request) is not a public read: it writes on the primary.
        await using var other = World.Services.CreateAsyncScope();
        Assert.Equal(QueryTrackingBehavior.TrackAll, other.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>().ChangeTracker.QueryTrackingBehavior);
    }

    /// <summary>The replica unreachable (nothing listens on its port): public reads are served by the primary, in a read-only
    /// session, and the replica is not tried again on every request.</summary>
    [Fact]
    public async Task A_replica_that_cannot_be_reached_hands_public_reads_to_the_primary()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(World.Database.ReplicaConnectionString) { Port = ClosedPort(), Timeout = 3 }.ConnectionString;
        using var app = World.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:RecoveryWatchRead", unreachable));
        using var anonymous = app.CreateClient();
        var started = DateTime.UtcNow;
        var item = await anonymous.GetFromJsonAsync<JsonElement>(Address("/api/v1/cases/{0}", World.Seeded));
        Assert.Equal(ReplicaWorld.SeededTitle, item.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Address("/cases/{0}", World.Seeded))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/statistics/volumes?by=year")).StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "Failing over took too long.");
        var failover = app.Services.GetRequiredService<ReplicaFailover>();
        Assert.False(failover.ReplicaUp);
        Assert.True(failover.StandIns >= 3);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DatabaseRoute>().PreferReplica();
        var db = scope.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>();
        var sql = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"Cases\" SET \"Title\" = \"Title\" WHERE false"));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, sql.SqlState);
        Assert.True(await CountSessionsAsync(World.Database.ConnectionString, StandInApplication) > 0, "The primary did not stand in for the replica.");
    }

    protected override async Task AssertPublicReadsCameFromReplicaAsync()
    {
        Assert.True(await CountSessionsAsync(World.Database.ReplicaConnectionString, ReplicaApplication) > 0, "No public read reached the replica.");
        var failover = World.Services.GetRequiredService<ReplicaFailover>();
        Assert.True(failover.ReplicaUp);
        Assert.Equal(0, failover.StandIns);
    }

    /// <summary>The sessions of this test database on the server of <paramref name="connectionString"/> that carry the
    /// application name (the app's pool keeps them open between requests).</summary>
    private async Task<long> CountSessionsAsync(string connectionString, string application)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "test" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @application", connection);
        command.Parameters.AddWithValue("application", application);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task PauseReplayAsync()
    {
        await ReplicaAsync("SELECT pg_wal_replay_pause()");
        // The pause takes effect when the replica's startup process notices it; until then it might still replay a write.
        await EventuallyAsync(async () => (string)(await ReplicaAsync("SELECT pg_get_wal_replay_pause_state()"))! == "paused");
    }

    private async Task ResumeReplayAsync() => await ReplicaAsync("SELECT pg_wal_replay_resume()");

    private async Task<object?> ReplicaAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(World.Database.ReplicaConnectionString) { Pooling = false, ApplicationName = "test" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
