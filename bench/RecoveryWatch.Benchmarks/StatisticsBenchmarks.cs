using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Analytics;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;

namespace RecoveryWatch.Benchmarks;

/// <summary>
/// The dashboard's statistics as an anonymous reader gets them, against a hand-written scan that groups every measure by
/// stage and year in SQL (no visibility, no counting rule): the floor of any statistic read from the measures; and DuckDB
/// running the same GROUP BY over the same measure rows held in memory (loaded in the setup, outside the measurement).
/// Run on the 500,000-case database (1,026,850 measures) made by bench/replicate-cases.sh with
/// RECOVERYWATCH_BENCH_CASES=500000 and <c>--anyCategories volumes</c>; the dashboard's other statistics are in category
/// "dashboard".
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StatisticsBenchmarks
{
    private const string ScanSql = "SELECT \"Stage\", \"Year\", COUNT(DISTINCT \"CaseId\"), SUM(\"UsdAmount\") FROM \"Measures\" GROUP BY \"Stage\", \"Year\"";

    private ServiceProvider _services = null!;

    private int _round;

    private DuckDB.NET.Data.DuckDBConnection? _duck;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchDatabase.CreateServices();
        _round = WithAsync(async services =>
        {
            // The note is on a round: the demo round (created once, kept by the next runs).
            await services.GetRequiredService<RecoveryWatch.Collection.SeedDemoRound>().HandleAsync();
            var db = services.GetRequiredService<RecoveryWatchDbContext>();
            return await db.Rounds.Where(r => r.Code == RecoveryWatch.Collection.SeedDemoRound.Code).Select(r => r.Id).SingleAsync();
        }).GetAwaiter().GetResult();
    }

    /// <summary>The measure rows the scan groups, copied into an in-memory DuckDB table.</summary>
    [GlobalSetup(Target = nameof(DuckDb))]
    public void SetupDuckDb()
    {
        Setup();
        _duck = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        _duck.Open();
        using (var create = _duck.CreateCommand())
        {
            create.CommandText = "CREATE TABLE \"Measures\" (\"Stage\" VARCHAR, \"Year\" INTEGER, \"CaseId\" INTEGER, \"UsdAmount\" DOUBLE)";
            create.ExecuteNonQuery();
        }

        WithAsync(async services =>
        {
            var connection = services.GetRequiredService<RecoveryWatchDbContext>().Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Stage\", \"Year\", \"CaseId\", \"UsdAmount\" FROM \"Measures\"";
            await using var reader = await command.ExecuteReaderAsync();
            using var appender = _duck.CreateAppender("Measures");
            while (await reader.ReadAsync())
            {
                var row = appender.CreateRow().AppendValue(reader.GetString(0)).AppendValue(reader.GetInt32(1)).AppendValue(reader.GetInt32(2));
                (reader.IsDBNull(3) ? row.AppendNullValue() : row.AppendValue(reader.GetDouble(3))).EndRow();
            }

            return 0;
        }).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _duck?.Dispose();
        _services.Dispose();
    }

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    [Benchmark(Baseline = true, Description = "hand-written scan of the measures by stage and year")]
    [BenchmarkCategory("volumes", "dashboard")]
    public Task<int> HandWrittenScan() => WithAsync(async services =>
    {
        var db = services.GetRequiredService<RecoveryWatchDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = ScanSql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    });

    [Benchmark(Description = "DuckDB: the same GROUP BY over the same measure rows in memory")]
    [BenchmarkCategory("volumes")]
    public int DuckDb()
    {
        using var command = _duck!.CreateCommand();
        command.CommandText = ScanSql;
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
        }

        return rows;
    }

    private Task<int> VolumesAsync(VolumeGrouping by, ReferenceData.StateRole? role = null, bool cells = true) => WithAsync(async s =>
    {
        var statistics = s.GetRequiredService<VolumeStatistics>();
        statistics.ReadsCells = cells;
        return (await statistics.HandleAsync(by, CaseReader.Public, role)).Count;
    });

    [Benchmark(Description = "volumes by year")]
    [BenchmarkCategory("volumes")]
    public Task<int> ByYear() => VolumesAsync(VolumeGrouping.Year);

    [Benchmark(Description = "volumes by year, grouping the counted figures (before the cells)")]
    [BenchmarkCategory("volumes")]
    public Task<int> ByYearFromFigures() => VolumesAsync(VolumeGrouping.Year, cells: false);

    [Benchmark(Description = "volumes by region")]
    [BenchmarkCategory("volumes")]
    public Task<int> ByRegion() => VolumesAsync(VolumeGrouping.Region);

    [Benchmark(Description = "volumes by requested State (the map)")]
    [BenchmarkCategory("volumes")]
    public Task<int> ByState() => VolumesAsync(VolumeGrouping.State, ReferenceData.StateRole.Requested);

    [Benchmark(Description = "volumes by route")]
    [BenchmarkCategory("volumes")]
    public Task<int> ByRoute() => VolumesAsync(VolumeGrouping.Route);

    [Benchmark(Description = "volumes by offence")]
    [BenchmarkCategory("volumes")]
    public Task<int> ByOffence() => VolumesAsync(VolumeGrouping.Offence);

    [Benchmark(Description = "volumes by asset type")]
    [BenchmarkCategory("volumes")]
    public Task<int> ByAssetType() => VolumesAsync(VolumeGrouping.AssetType);

    [Benchmark(Description = "durations")]
    [BenchmarkCategory("dashboard")]
    public Task<int> Durations() => WithAsync(async s => (await s.GetRequiredService<DurationStatistics>().HandleAsync(CaseReader.Public, StatisticsFilter.None)).FreezingToConfiscation.Cases);

    [Benchmark(Description = "flows")]
    [BenchmarkCategory("dashboard")]
    public Task<int> Flows() => WithAsync(async s => (await s.GetRequiredService<FlowStatistics>().HandleAsync(CaseReader.Public, StatisticsFilter.None)).Count);

    [Benchmark(Description = "the Secretariat's note on the round, gathered and written in Word (English)")]
    [BenchmarkCategory("dashboard")]
    public Task<int> Note() => WithAsync(async s =>
        RecoveryWatch.Reporting.SecretariatNote.Write(await s.GetRequiredService<RecoveryWatch.Reporting.GatherNoteContent>().HandleAsync(_round, "CAC/COSP/WG.2/2020/4"), "en").Length);

    [Benchmark(Description = "challenges")]
    [BenchmarkCategory("dashboard")]
    public Task<int> Challenges() => WithAsync(async s => (await s.GetRequiredService<ChallengeStatistics>().HandleAsync(CaseReader.Public, StatisticsFilter.None)).Count);
}
