using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Benchmarks;

/// <summary>One search request as the public API serves it, on 100,000 synthetic cases; ratios are against the unfiltered
/// first page measured in the same run.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class CaseSearchBenchmarks
{
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup() => _services = BenchDatabase.CreateServices();

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private async Task<int> SearchAsync(CaseFilter filter, bool facets = false, int page = 1)
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SearchCases>().HandleAsync(filter, CaseReader.Public, page, 25, facets);
        return result.Total;
    }

    [Benchmark(Baseline = true, Description = "first page, no filter")]
    public Task<int> FirstPage() => SearchAsync(new CaseFilter());

    [Benchmark(Description = "State + stage")]
    public Task<int> StateAndStage() => SearchAsync(new CaseFilter { State = "CHE", Stage = Stage.Returned });

    [Benchmark(Description = "region + role + years")]
    public Task<int> RegionRoleYears() => SearchAsync(new CaseFilter { Region = RegionalGroup.African, Role = StateRole.Requesting, YearFrom = 2010, YearTo = 2015 });

    [Benchmark(Description = "free text")]
    public Task<int> FreeText() => SearchAsync(new CaseFilter { Q = "pension" });

    [Benchmark(Description = "minimum USD")]
    public Task<int> MinimumUsd() => SearchAsync(new CaseFilter { MinUsd = 10_000_000m });

    [Benchmark(Description = "page 2,000 sorted by title")]
    public Task<int> DeepPage() => SearchAsync(new CaseFilter { Sort = CaseSort.Title }, page: 2_000);

    [Benchmark(Description = "search page with facets")]
    public Task<int> WithFacets() => SearchAsync(new CaseFilter(), facets: true);
}
