using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;

namespace RecoveryWatch.Web.Infrastructure;

public static class DataServices
{
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";
    public const string DefaultConnectionString = "Data Source=data/recoverywatch.db";

    /// <summary>The DbContext on the configured provider (<c>Database:Provider</c>, <c>ConnectionStrings:RecoveryWatch</c>; see the README's configuration table),
    /// with each provider's migrations in its own assembly, public reads on the read replica if one is configured
    /// (<c>ConnectionStrings:RecoveryWatchRead</c>, PostgreSQL only; see <see cref="ReplicaReads"/>), and the use-case handlers.</summary>
    public static IServiceCollection AddRecoveryWatchData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? SqliteProvider;
        var connectionString = configuration.GetConnectionString("RecoveryWatch") ?? DefaultConnectionString;
        if (string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            // Once at start-up, not in the options callback that runs for every scope.
            EnsureSqliteFolder(connectionString);
        }

        var readConnectionString = ReplicaReads.ReadConnectionString(configuration, provider);
        if (string.Equals(provider, PostgresProvider, StringComparison.OrdinalIgnoreCase))
        {
            // A short connect timeout on the primary and the replica alike, so an outage answers 503 (DatabaseOutage) instead of hanging.
            connectionString = DatabaseOutage.WithConnectTimeout(connectionString);
            readConnectionString = readConnectionString is null ? null : DatabaseOutage.WithConnectTimeout(readConnectionString);
        }

        services.AddReplicaReads(readConnectionString, connectionString);

        // Each provider's compiled model (scripts/compile-models) instead of building the model from the configuration classes:
        // building it is about a second of every start (issue 9: healthy within 3 s). A stale compiled model fails the
        // test suite (ArchitectureTests), so it cannot drift from the configuration it was generated from.
        // The options are built per scope (the default options lifetime), so each request's context can be on the primary or,
        // for a public read, on the replica (see ReplicaReads).
        services.AddDbContext<RecoveryWatchDbContext>((scope, options) =>
        {
            if (string.Equals(provider, PostgresProvider, StringComparison.OrdinalIgnoreCase))
            {
                if (readConnectionString is not null && scope.GetService<DatabaseRoute>()?.Settle() == true)
                {
                    var failover = scope.GetRequiredService<ReplicaFailover>();
                    options.UseNpgsql(failover.ReplicaConnection, o => o.MigrationsAssembly("RecoveryWatch.Migrations.Postgres"))
                        .UseModel(PostgresModel)
                        .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                        .AddInterceptors(ReadOnlyContext.Instance, failover);
                    return;
                }

                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("RecoveryWatch.Migrations.Postgres"))
                    .UseModel(PostgresModel);
            }
            else if (string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
            {
                options.UseSqlite(connectionString, o => o.MigrationsAssembly("RecoveryWatch.Migrations.Sqlite"))
                    .UseModel(SqliteModel);
            }
            else
            {
                throw new InvalidOperationException($"Database:Provider must be '{SqliteProvider}' or '{PostgresProvider}', not '{provider}'.");
            }
        });

        services.AddSingleton(TimeProvider.System);
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<SeedDemoCases>();
        services.AddScoped<SaveCase>();
        services.AddScoped<PublishCase>();
        services.AddScoped<GetCase>();
        services.AddScoped<SearchCases>();
        services.AddScoped<ExportCases>();
        services.AddScoped<RecoveryWatch.Identity.ManageUsers>();
        services.AddScoped<RecoveryWatch.Auditing.AuditChain>();
        services.AddScoped<RecoveryWatch.Auditing.ReadAuditLog>();
        services.AddScoped<RecoveryWatch.Meetings.LoadMeetingSeed>();
        services.AddScoped<RecoveryWatch.Meetings.SilenceProcedures>();
        services.AddScoped<RecoveryWatch.Meetings.Participation>();
        services.AddScoped<RecoveryWatch.Meetings.AgendaLifecycle>();
        services.AddScoped<RecoveryWatch.Meetings.UploadDocumentVersion>();
        services.AddScoped<RecoveryWatch.Collection.SeedDemoRound>();
        services.AddScoped<RecoveryWatch.Collection.Rounds>();
        services.AddScoped<RecoveryWatch.Collection.Reminders>();
        services.AddScoped<RecoveryWatch.Collection.IReminderText, ResourceReminderText>();
        services.AddSingleton<RecoveryWatch.Collection.IReminderSender, LoggedReminderSender>();
        services.AddScoped<RecoveryWatch.Collection.SubmissionTemplate>();
        services.AddScoped<RecoveryWatch.Collection.ImportSubmission>();
        services.AddScoped<RecoveryWatch.Collection.ReviewSubmission>();
        services.AddScoped<RecoveryWatch.Collection.Reconciliation>();
        services.AddScoped<RecoveryWatch.Collection.OnlineAnswer>();
        services.AddScoped<RecoveryWatch.Analytics.VolumeStatistics>();
        services.AddScoped<RecoveryWatch.Analytics.DurationStatistics>();
        services.AddScoped<RecoveryWatch.Analytics.FlowStatistics>();
        services.AddScoped<RecoveryWatch.Analytics.ChallengeStatistics>();
        services.AddScoped<RecoveryWatch.Web.Pages.Statistics.Dashboard>();
        services.AddScoped<RecoveryWatch.Analytics.CoverageStatistics>();
        services.AddScoped<RecoveryWatch.Knowledge.LegalFrameworkQueries>();
        services.AddScoped<RecoveryWatch.Knowledge.EditLegalFramework>();
        services.AddScoped<RecoveryWatch.Knowledge.SeedDemoLegalFrameworks>();
        services.AddScoped<RecoveryWatch.Reporting.GatherNoteContent>();
        services.AddScoped<RecoveryWatch.Analytics.RebuildCountedFigures>();
        services.AddScoped<RecoveryWatch.Analytics.ImportExchangeRates>();
        services.AddScoped<RecoveryWatch.Knowledge.ChallengeTaxonomy>();
        services.AddScoped<RecoveryWatch.Knowledge.ManageChallengeTypes>();
        services.AddScoped<RecoveryWatch.Knowledge.ChallengeFrequencies>();
        services.AddScoped<RecoveryWatch.Knowledge.TechnicalAssistance>();
        services.AddScoped<RecoveryWatch.Knowledge.SeedDemoAssistance>();
        services.AddScoped<RecoveryWatch.Knowledge.SavePractice>();
        services.AddScoped<RecoveryWatch.Knowledge.PracticeQueries>();
        services.AddScoped<RecoveryWatch.Knowledge.SeedDemoPractices>();
        services.AddScoped<RecoveryWatch.Web.Api.Codebook>();
        return services;
    }

    private static Microsoft.EntityFrameworkCore.Metadata.IModel PostgresModel => RecoveryWatch.Migrations.Postgres.CompiledModel.RecoveryWatchDbContextModel.Instance;

    private static Microsoft.EntityFrameworkCore.Metadata.IModel SqliteModel => RecoveryWatch.Migrations.Sqlite.CompiledModel.RecoveryWatchDbContextModel.Instance;

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
