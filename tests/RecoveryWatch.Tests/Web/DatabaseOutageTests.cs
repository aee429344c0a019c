using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Data;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Web;

/// <summary>
/// Takes the database away under a running app: while <see cref="Down"/> is set, every connection the app opens points at a
/// database that cannot be reached — a closed port on 127.0.0.1 for PostgreSQL (a real "connection refused"), a file in a
/// folder that does not exist for SQLite (a real SQLITE_CANTOPEN) — so the exceptions are the providers' own.
/// </summary>
public class OutageApp(DatabaseKind kind) : RecoveryWatchApp(kind)
{
    public Unreachable Down { get; } = new(kind);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<RecoveryWatchDbContext>(o => o.AddInterceptors(Down)));
    }

    public sealed class Unreachable(DatabaseKind kind) : DbConnectionInterceptor
    {
        private readonly string _nowhere = kind == DatabaseKind.Postgres
            ? $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=postgres;Timeout=3"
            : $"Data Source={Path.Combine(Path.GetTempPath(), "rw-no-such-folder-" + Guid.NewGuid().ToString("N"), "gone.db")};Mode=ReadOnly";

        public bool IsDown { get; set; }

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Redirect(connection);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            Redirect(connection);
            return result;
        }

        private void Redirect(DbConnection connection)
        {
            if (IsDown)
            {
                connection.ConnectionString = _nowhere;
            }
        }

        private static int ClosedPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

public sealed class SqliteOutageApp() : OutageApp(DatabaseKind.Sqlite);

public sealed class PostgresOutageApp() : OutageApp(DatabaseKind.Postgres);

public abstract class DatabaseOutageTests(OutageApp app)
{
    [Fact]
    public async Task Requests_during_an_outage_get_503_with_retry_after_and_the_app_serves_again_when_the_database_returns()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/cases?pageSize=5")).StatusCode);

        app.Down.IsDown = true;
        try
        {
            var started = DateTimeOffset.UtcNow;
            using var api = await client.GetAsync("/api/v1/cases?pageSize=5");
            var body = await api.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), api.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Equal("/api/v1/cases", problem.GetProperty("instance").GetString());
            NoInternals(body);

            var page = new HttpRequestMessage(HttpMethod.Get, "/cases");
            page.Headers.AcceptLanguage.ParseAdd("ar");
            using var html = await client.SendAsync(page);
            var text = await html.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, html.StatusCode);
            Assert.NotNull(html.Headers.RetryAfter);
            Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
            Assert.Contains("dir=\"rtl\"", text, StringComparison.Ordinal);
            Assert.Contains("غير متاح مؤقتًا", text, StringComparison.Ordinal);
            NoInternals(text);

            using var health = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.NotNull(health.Headers.RetryAfter);
            NoInternals(await health.Content.ReadAsStringAsync());

            // An outage is answered at once, not after the provider's default 15 s connect timeout or 30 s command timeout.
            Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10));
        }
        finally
        {
            app.Down.IsDown = false;
        }

        // Back without a restart: the next request reaches the database again.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/cases?pageSize=5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    private static void NoInternals(string body)
    {
        foreach (var leak in new[] { "Exception", "Npgsql", "SQLite", "Sqlite", "127.0.0.1", "gone.db", "   at " })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteDatabaseOutageTests(SqliteOutageApp app) : DatabaseOutageTests(app), IClassFixture<SqliteOutageApp>;

public sealed class PostgresDatabaseOutageTests(PostgresOutageApp app) : DatabaseOutageTests(app), IClassFixture<PostgresOutageApp>;
