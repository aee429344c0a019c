using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;

namespace RecoveryWatch.Benchmarks;

/// <summary>Whole open-data exports of every public case (about 90% of 100,000) to a null stream; ratios against CSV.
/// Allocated bytes count everything allocated over the export, not what is held at once: the streaming claim is checked
/// by the peak working set of the export-cases verb (bench/README.md).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CaseExportBenchmarks
{
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup() => _services = BenchDatabase.CreateServices();

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private async Task ExportAsync(ExportFormat format)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExportCases>().WriteAsync(format, new CaseFilter(), CaseReader.Public, Stream.Null);
    }

    [Benchmark(Baseline = true)]
    public Task Csv() => ExportAsync(ExportFormat.Csv);

    [Benchmark]
    public Task Json() => ExportAsync(ExportFormat.Json);

    [Benchmark]
    public Task Xlsx() => ExportAsync(ExportFormat.Xlsx);
}
