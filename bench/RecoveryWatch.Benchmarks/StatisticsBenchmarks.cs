using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Analytics;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;

namespace RecoveryWatch.Benchmarks;

/// <summary>
/// The dashboard's statistics as an anonymous reader gets them, against a hand-written scan that groups every measure by
/// stage and year in SQL (no visibility, no counting rule): the floor of any statistic read from the measures. Run with
/// RECOVERYWATCH_BENCH_CASES=500000 for about 1,000,000 measures (the demo
/// generator makes about two per case).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StatisticsBenchmarks
{
    private ServiceProvider _services = null!;

    private int _round;

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

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    [Benchmark(Baseline = true, Description = "hand-written scan of the measures by stage and year")]
    public Task<int> HandWrittenScan() => WithAsync(async services =>
    {
        var db = services.GetRequiredService<RecoveryWatchDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Stage\", \"Year\", COUNT(DISTINCT \"CaseId\"), SUM(\"UsdAmount\") FROM \"Measures\" GROUP BY \"Stage\", \"Year\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    });

    [Benchmark(Description = "volumes by year")]
    public Task<int> ByYear() => WithAsync(async s => (await s.GetRequiredService<VolumeStatistics>().HandleAsync(VolumeGrouping.Year, CaseReader.Public)).Count);

    [Benchmark(Description = "volumes by region")]
    public Task<int> ByRegion() => WithAsync(async s => (await s.GetRequiredService<VolumeStatistics>().HandleAsync(VolumeGrouping.Region, CaseReader.Public)).Count);

    [Benchmark(Description = "volumes by requested State (the map)")]
    public Task<int> ByState() => WithAsync(async s => (await s.GetRequiredService<VolumeStatistics>().HandleAsync(VolumeGrouping.State, CaseReader.Public, ReferenceData.StateRole.Requested)).Count);

    [Benchmark(Description = "durations")]
    public Task<int> Durations() => WithAsync(async s => (await s.GetRequiredService<DurationStatistics>().HandleAsync(CaseReader.Public, StatisticsFilter.None)).FreezingToConfiscation.Cases);

    [Benchmark(Description = "flows")]
    public Task<int> Flows() => WithAsync(async s => (await s.GetRequiredService<FlowStatistics>().HandleAsync(CaseReader.Public, StatisticsFilter.None)).Count);

    [Benchmark(Description = "the Secretariat's note on the round, gathered and written in Word (English)")]
    public Task<int> Note() => WithAsync(async s =>
        RecoveryWatch.Reporting.SecretariatNote.Write(await s.GetRequiredService<RecoveryWatch.Reporting.GatherNoteContent>().HandleAsync(_round, "CAC/COSP/WG.2/2020/4"), "en").Length);

    [Benchmark(Description = "challenges")]
    public Task<int> Challenges() => WithAsync(async s => (await s.GetRequiredService<ChallengeStatistics>().HandleAsync(CaseReader.Public, StatisticsFilter.None)).Count);
}
