using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Benchmarks;

/// <summary>One search request as the public API serves it, on 100,000 synthetic cases; ratios are against the unfiltered
/// first page measured in the same run. The first seven are the benchmarks measured before the search read model.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class CaseSearchBenchmarks
{
    private ServiceProvider _services = null!;

    private CaseCursor? _deepCursor;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchDatabase.CreateServices();
        // The position of page 2,000 by title (or of the last page of a smaller database), for the keyset version of the deep page.
        using var scope = _services.CreateScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchCases>();
        var total = search.HandleAsync(new CaseFilter { Sort = CaseSort.Title }, CaseReader.Public, 1, 1, false).GetAwaiter().GetResult().Total;
        var page = Math.Min(1_999, Math.Max(1, (total / 25) - 1));
        _deepCursor = search.HandleAsync(new CaseFilter { Sort = CaseSort.Title }, CaseReader.Public, page, 25, false).GetAwaiter().GetResult().Next;
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private async Task<int> SearchAsync(CaseFilter filter, bool facets = false, int page = 1, CaseCursor? cursor = null, CaseReader? reader = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SearchCases>().HandleAsync(filter, reader ?? CaseReader.Public, page, 25, facets, cursor);
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

    [Benchmark(Description = "deep page by title, by cursor")]
    public Task<int> DeepPageByCursor() => SearchAsync(new CaseFilter { Sort = CaseSort.Title }, cursor: _deepCursor);

    [Benchmark(Description = "free text, 2 characters (below the trigram)")]
    public Task<int> ShortText() => SearchAsync(new CaseFilter { Q = "pe" });

    [Benchmark(Description = "search page with facets, State + stage")]
    public Task<int> FilteredWithFacets() => SearchAsync(new CaseFilter { State = "CHE", Stage = Stage.Returned }, facets: true);

    [Benchmark(Description = "search page with facets, a focal point of Nigeria")]
    public Task<int> FocalPointWithFacets() => SearchAsync(new CaseFilter(), facets: true, reader: CaseReader.ForStates(["NGA"]));
}
