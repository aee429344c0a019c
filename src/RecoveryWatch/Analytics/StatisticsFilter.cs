using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Analytics;

/// <summary>
/// The filters every statistic and chart of the dashboard shares. They mean what the same parameters of the case list
/// (<see cref="CaseFilter"/>) mean, so that each figure links to exactly the cases behind it: a case is in the years
/// <see cref="YearFrom"/>–<see cref="YearTo"/> for a stage when it reached that stage in those years, and in a region when
/// one of the States involved that the reader may see belongs to it.
/// </summary>
public sealed record StatisticsFilter
{
    public static readonly StatisticsFilter None = new();

    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }
    public RegionalGroup? Region { get; init; }
    public Stage? Stage { get; init; }

    /// <summary>The list of the cases behind a figure: <c>/cases</c> with these filters and the figure's own group (a State,
    /// a route…), in the parameters of the case list, which binds them as the statistics do.</summary>
    public string CasesLink(params (string Key, string? Value)[] group)
    {
        var groupKeys = group.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        (string Key, string? Value)[] filters =
        [
            ("stage", Stage?.ToString()),
            ("region", Region?.ToString()),
            ("yearFrom", YearFrom?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("yearTo", YearTo?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        var query = filters.Where(f => !groupKeys.Contains(f.Key)).Concat(group).Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value!));
        return "/cases?" + string.Join("&", query);
    }
}

/// <summary>One case at one stage, as counted: the year and first date it reached the stage, its US-dollar total and the
/// number of its counted figures without a rate.</summary>
public sealed class CaseStage
{
    public int CaseId { get; init; }
    public Stage Stage { get; init; }
    public int Year { get; init; }
    public DateOnly FirstDate { get; init; }
    public decimal? Usd { get; init; }
    public int WithoutRate { get; init; }
}

public static class CaseStageQueries
{
    /// <summary>
    /// The counted figures the reader may see, summed per case and stage (a case counts once per stage, whatever the number
    /// of its asset types or reporters), then filtered. The base of every statistic.
    /// </summary>
    public static IQueryable<CaseStage> CaseStages(this RecoveryWatchDbContext db, CaseReader reader, StatisticsFilter filter)
    {
        var stages = db.CountedFiguresVisibleTo(reader)
            .GroupBy(f => new { f.CaseId, f.Stage })
            .Select(g => new CaseStage
            {
                CaseId = g.Key.CaseId,
                Stage = g.Key.Stage,
                Year = g.Min(f => f.Year),
                FirstDate = g.Min(f => f.FirstDate),
                Usd = g.Sum(f => f.UsdTotal),
                WithoutRate = g.Sum(f => f.WithoutRate),
            });
        if (filter.Stage is { } stage)
        {
            stages = stages.Where(s => s.Stage == stage);
        }

        if (filter.YearFrom is { } from)
        {
            stages = stages.Where(s => s.Year >= from);
        }

        if (filter.YearTo is { } to)
        {
            stages = stages.Where(s => s.Year <= to);
        }

        if (filter.Region is { } region)
        {
            var inRegion = db.CasesInRegion(reader, region);
            stages = stages.Where(s => inRegion.Contains(s.CaseId));
        }

        return stages;
    }

    /// <summary>Cases involving a State of <paramref name="region"/> that the reader may see in the case.</summary>
    public static IQueryable<int> CasesInRegion(this RecoveryWatchDbContext db, CaseReader reader, RegionalGroup region)
    {
        var members = ReferenceCatalog.Default.StatesInGroup(region);
        return db.CaseStates.VisibleTo(db.CaseStates, reader).Where(s => members.Contains(s.StateCode)).Select(s => s.CaseId);
    }

    /// <summary>The States the reader may see in the cases, optionally in one role.</summary>
    public static IQueryable<CaseState> VisibleStates(this RecoveryWatchDbContext db, CaseReader reader, StateRole? role = null)
    {
        var states = db.CaseStates.VisibleTo(db.CaseStates, reader);
        return role is { } r ? states.Where(s => s.Role == r) : states;
    }
}
