using System.Data.Common;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>
/// Public reads on a PostgreSQL read replica (<c>ConnectionStrings:RecoveryWatchRead</c>, a streaming standby of the primary).
/// When a note is published, journalists and researchers read the portal all at once; those anonymous reads are most of the
/// load and need nothing that only the primary has, so they can be spread over standbys while every write, every signed-in
/// user and the Secretariat stay on the primary.
/// <list type="bullet">
/// <item>What goes to the replica: a GET or HEAD, by a caller who is not signed in, on an endpoint marked
/// <see cref="ReplicaReads.ReadsFromReplica{TBuilder}"/> (the open-data API) or on a public page (<see cref="PublicPages"/>).
/// Everything else — writes, sign-in, account pages, the health check, signed-in readers whatever they read — uses the
/// primary. Handlers need no change: the request's one <c>RecoveryWatchDbContext</c> is built on the replica's connection.</item>
/// <item>That context cannot write: it tracks nothing and its <c>SaveChanges</c> throws (a standby would refuse the SQL in any
/// case). Reading never writes in this application (ReadsNeverWriteTests holds every GET to it), so nothing is lost.</item>
/// <item>Replication lag: a change reaches the replica's readers some milliseconds after its commit (more under load). The one
/// who made the change is signed in and reads the primary, so sees it at once; the public sees it after the lag.</item>
/// <item>The replica down or not accepting connections: each connection is opened on the primary instead (in a read-only
/// session), and the replica is tried again 30 seconds later by one request only. The public portal stays up on the primary,
/// which carried the whole load before there was a replica, rather than answering 503 while its data is at hand.</item>
/// </list>
/// SQLite is one file in one office: <c>RecoveryWatchRead</c> with SQLite is refused at start, so that nobody believes the
/// load is spread when it is not.
/// </summary>
public static class ReplicaReads
{
    public const string ConnectionStringName = "RecoveryWatchRead";

    /// <summary>The page folders whose anonymous GETs are public reads: case search and case pages, statistics,
    /// meetings and documents, and the knowledge pages. Account pages and the error page are not listed: they stay on the
    /// primary.</summary>
    public static readonly IReadOnlyList<string> PublicPages =
    [
        "/Cases", "/Statistics", "/Meetings", "/Documents", "/GoodPractices", "/Challenges", "/LegalFrameworks", "/TechnicalAssistance",
        "/Codebook",
    ];

    /// <summary>The read connection string, or null when public reads use the primary like everything else. Refuses one with
    /// SQLite, where there is nothing to replicate to.</summary>
    public static string? ReadConnectionString(IConfiguration configuration, string provider)
    {
        var read = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(read))
        {
            return null;
        }

        if (!string.Equals(provider, DataServices.PostgresProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} names a PostgreSQL read replica; it needs Database:Provider={DataServices.PostgresProvider}, "
                + $"not '{provider}'. A SQLite database is one file on one machine: remove the setting, or move to PostgreSQL (docs/scaling.md).");
        }

        return read;
    }

    /// <summary>The public pages' mark (always, so that what is a public read does not depend on the deployment) and, with a
    /// read replica, the request's route and the connection failover, which the context options read (<see cref="DataServices"/>).</summary>
    public static IServiceCollection AddReplicaReads(this IServiceCollection services, string? readConnectionString, string primaryConnectionString)
    {
        // After Razor Pages' own setup, which replaces the convention collection.
        services.PostConfigure<RazorPagesOptions>(options =>
        {
            foreach (var folder in PublicPages)
            {
                // On the route model: the endpoints carry it from the start (the page's application model is built lazily).
                options.Conventions.AddFolderRouteModelConvention(folder, page =>
                {
                    foreach (var selector in page.Selectors)
                    {
                        selector.EndpointMetadata.Add(ReplicaReadMetadata.Replica);
                    }
                });
            }
        });
        if (readConnectionString is not null)
        {
            services.AddScoped<DatabaseRoute>();
            services.AddSingleton(sp => new ReplicaFailover(
                readConnectionString, primaryConnectionString, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ReplicaFailover>>()));
        }

        return services;
    }

    /// <summary>Anonymous GETs of these endpoints may be answered from the read replica. Signed-in callers and other verbs
    /// use the primary whatever the mark.</summary>
    public static TBuilder ReadsFromReplica<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ReplicaReadMetadata.Replica);

    /// <summary>Overrides a group's <see cref="ReadsFromReplica{TBuilder}"/> for an endpoint that must read its own writes.</summary>
    public static TBuilder ReadsFromPrimary<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ReplicaReadMetadata.Primary);

    /// <summary>Whether the endpoint's anonymous GETs are public reads (the last mark wins: an endpoint's over its group's).</summary>
    public static bool IsPublicRead(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<ReplicaReadMetadata>()?.UseReplica == true;

    /// <summary>After authentication (the caller is known) and before anything resolves the request's DbContext.</summary>
    public static IApplicationBuilder UseReplicaForPublicReads(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var route = context.RequestServices.GetService<DatabaseRoute>();
            if (route is not null
                && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && context.User.Identity?.IsAuthenticated != true
                && IsPublicRead(context.GetEndpoint()))
            {
                route.PreferReplica();
            }

            await next(context);
        });
}

/// <summary>Endpoint metadata: whether anonymous GETs may read from the replica.</summary>
public sealed class ReplicaReadMetadata
{
    public static readonly ReplicaReadMetadata Replica = new(true);
    public static readonly ReplicaReadMetadata Primary = new(false);

    private ReplicaReadMetadata(bool useReplica) => UseReplica = useReplica;

    public bool UseReplica { get; }
}

/// <summary>
/// Which database this scope's DbContext uses. The primary unless the request is a public read; decided once, when the
/// context's options are built. A scope created during a request (a background step, a store) gets its own route, the
/// primary: only the request's own context reads from the replica.
/// </summary>
public sealed class DatabaseRoute
{
    private bool _preferReplica;

    /// <summary>Whether the context's options have been built: from then on the choice can no longer change.</summary>
    public bool Settled { get; private set; }

    /// <summary>Asks for the replica; without effect once settled (something read the primary already: it stays so).</summary>
    public void PreferReplica()
    {
        if (!Settled)
        {
            _preferReplica = true;
        }
    }

    /// <summary>Called when the context's options are built: the choice, final from now on.</summary>
    public bool Settle()
    {
        Settled = true;
        return _preferReplica;
    }
}

/// <summary>What makes a context on the replica read-only for EF as well: saving throws before any SQL is sent.</summary>
public sealed class ReadOnlyContext : SaveChangesInterceptor
{
    public static readonly ReadOnlyContext Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw Refusal();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        throw Refusal();

    private static InvalidOperationException Refusal() =>
        new("This DbContext answers a public read from the read replica and cannot save. Writes go to the primary: a request "
            + "that writes must not be a GET marked ReadsFromReplica.");
}

/// <summary>
/// Opens the replica's connections, or the primary's when the replica cannot be reached (down, starting, not yet holding the
/// database). After a failure the replica rests for <see cref="RetryAfter"/>; then one request tries it again while the others
/// keep using the primary, so a dead replica costs one failed connection attempt per period and instance, not one per request.
/// A replica that hangs instead of refusing costs its connection timeout once per period: set <c>Timeout</c> (seconds) in the
/// read connection string to a few seconds.
/// </summary>
public sealed class ReplicaFailover : DbConnectionInterceptor
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly string _replica;
    private readonly string _fallback;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReplicaFailover> _logger;
    private long _downUntilTicks;
    private int _probing;
    private long _standIns;

    public ReplicaFailover(string replica, string primary, TimeProvider clock, ILogger<ReplicaFailover> logger)
    {
        _replica = ReplicaConnectionString(replica);
        _fallback = FallbackConnectionString(primary);
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The connection string the replica context is created with.</summary>
    public string ReplicaConnection => _replica;

    /// <summary>Whether the replica is taken as reachable now.</summary>
    public bool ReplicaUp => Interlocked.Read(ref _downUntilTicks) == 0;

    /// <summary>How many connections of public reads the primary has opened in the replica's stead since start.</summary>
    public long StandIns => Interlocked.Read(ref _standIns);

    /// <summary>The replica's own string, named in <c>pg_stat_activity</c> unless the operator named it already.</summary>
    public static string ReplicaConnectionString(string replica)
    {
        var builder = new NpgsqlConnectionStringBuilder(replica);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "RecoveryWatch public reads";
        }

        return builder.ConnectionString;
    }

    /// <summary>The primary as the replica's stand-in: a read-only session, so that a public read cannot write there either.</summary>
    public static string FallbackConnectionString(string primary)
    {
        var builder = new NpgsqlConnectionStringBuilder(primary);
        builder.Options = ((builder.Options ?? string.Empty) + " -c default_transaction_read_only=on").Trim();
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "RecoveryWatch public reads (primary)";
        }

        return builder.ConnectionString;
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (!TryReplica())
        {
            UseFallback(connection);
            return result;
        }

        UseReplica(connection);
        try
        {
            connection.Open();
        }
        catch (NpgsqlException exception)
        {
            MarkDown(exception);
            UseFallback(connection);
            return result;
        }

        MarkUp();
        return InterceptionResult.Suppress();
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (!TryReplica())
        {
            UseFallback(connection);
            return result;
        }

        UseReplica(connection);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (NpgsqlException exception) when (!cancellationToken.IsCancellationRequested)
        {
            MarkDown(exception);
            UseFallback(connection);
            return result;
        }

        MarkUp();
        return InterceptionResult.Suppress();
    }

    /// <summary>Whether this opening should try the replica: always while it is up; once it rested, for one caller at a time.</summary>
    private bool TryReplica()
    {
        var downUntil = Interlocked.Read(ref _downUntilTicks);
        if (downUntil == 0)
        {
            return true;
        }

        return _clock.GetUtcNow().UtcTicks >= downUntil && Interlocked.CompareExchange(ref _probing, 1, 0) == 0;
    }

    private void MarkDown(NpgsqlException exception)
    {
        var wasUp = Interlocked.Exchange(ref _downUntilTicks, (_clock.GetUtcNow() + RetryAfter).UtcTicks) == 0;
        Interlocked.Exchange(ref _probing, 0);
        if (wasUp)
        {
            _logger.LogWarning(exception, "The read replica cannot be reached; public reads use the primary and the replica is tried again in {Seconds} s.", RetryAfter.TotalSeconds);
        }
    }

    private void MarkUp()
    {
        if (Interlocked.Read(ref _downUntilTicks) != 0 && Interlocked.Exchange(ref _downUntilTicks, 0) != 0)
        {
            Interlocked.Exchange(ref _probing, 0);
            _logger.LogInformation("The read replica answers again; public reads use it.");
        }
    }

    private void UseReplica(DbConnection connection)
    {
        if (!string.Equals(connection.ConnectionString, _replica, StringComparison.Ordinal))
        {
            connection.ConnectionString = _replica;
        }
    }

    private void UseFallback(DbConnection connection)
    {
        Interlocked.Increment(ref _standIns);
        if (!string.Equals(connection.ConnectionString, _fallback, StringComparison.Ordinal))
        {
            connection.ConnectionString = _fallback;
        }
    }
}
