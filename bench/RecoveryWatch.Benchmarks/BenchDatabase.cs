using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Benchmarks;

/// <summary>
/// A SQLite database of 100,000 synthetic cases made by the same seed-demo handler users run, built once and reused
/// (bench/data/cases-100000.db, ignored by git). Set RECOVERYWATCH_BENCH_CASES to change the size, and
/// RECOVERYWATCH_BENCH_POSTGRES to a connection string to run on PostgreSQL instead: a database of that many cases made
/// beforehand by bench/replicate-cases-postgres.sh (seed-demo writes a few dozen cases a second there, days for 500,000).
/// </summary>
public static class BenchDatabase
{
    public static int CaseCount => int.TryParse(Environment.GetEnvironmentVariable("RECOVERYWATCH_BENCH_CASES"), out var n) ? n : 100_000;

    private static string? PostgresConnection => Environment.GetEnvironmentVariable("RECOVERYWATCH_BENCH_POSTGRES");

    public static ServiceProvider CreateServices()
    {
        var folder = Path.Combine(FindRepositoryRoot(), "bench", "data");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"cases-{CaseCount}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = PostgresConnection is null ? "Sqlite" : "Postgres",
            ["ConnectionStrings:RecoveryWatch"] = PostgresConnection ?? $"Data Source={path}",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddRecoveryWatchData(configuration).BuildServiceProvider();
        EnsureSeededAsync(services).GetAwaiter().GetResult();
        return services;
    }

    private static async Task EnsureSeededAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        var existing = await db.Cases.CountAsync();
        if (existing != CaseCount && PostgresConnection is not null)
        {
            throw new InvalidOperationException($"RECOVERYWATCH_BENCH_POSTGRES holds {existing} cases, not {CaseCount}: make it with bench/replicate-cases-postgres.sh.");
        }

        if (existing != CaseCount)
        {
            await db.Cases.ExecuteDeleteAsync();
            await scope.ServiceProvider.GetRequiredService<SeedDemoCases>().HandleAsync(CaseCount, SeedDemoCases.DefaultSeed, "bench");
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RecoveryWatch.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
