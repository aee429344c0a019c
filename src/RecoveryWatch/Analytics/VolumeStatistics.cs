using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Analytics;

public enum VolumeGrouping
{
    Year,
    Region,
    Route,
    Offence,
    State,
    AssetType,
}

/// <param name="Cases">Cases that reached the stage, each counted once in the group.</param>
/// <param name="UsdTotal">US-dollar total of the counted figures that have a dated rate.</param>
/// <param name="CasesWithoutRate">Cases in the group with a counted figure that has no usable rate: left out of the total,
/// never counted as zero dollars.</param>
/// <param name="CasesLink">The case list holding exactly the cases counted here.</param>
public sealed record VolumeRow(string Group, Stage Stage, int Cases, decimal UsdTotal, int CasesWithoutRate, string CasesLink);

/// <summary>
/// Volumes frozen, seized, confiscated and returned (COSP resolution 8/9), per group and stage: the number of cases and the
/// US-dollar total, from the counted figures (<see cref="CountingRule"/>: one account per case and stage), over what the
/// reader may see. A case counts once per group and stage: first its figures are summed per case and stage, then the cases
/// are grouped, so a case with two requesting States in one region counts once in that region. A State, route or figure
/// the reader may not see never forms or feeds a group. Stages are never added together.
/// </summary>
public sealed class VolumeStatistics(RecoveryWatchDbContext db)
{
    /// <summary>Whether readers without States of their own are answered from the <see cref="StatisticsCell"/> rows (always, in
    /// the app). Off, every answer groups the counted figures: the reference the tests and the benchmark compare the cells with.</summary>
    public bool ReadsCells { get; set; } = true;

    /// <param name="role">For <c>by=state</c> and <c>by=region</c>: only States in this role (e.g. the requested States
    /// where assets are located); all roles when null, each case still once per group.</param>
    public async Task<IReadOnlyList<VolumeRow>> HandleAsync(VolumeGrouping by, CaseReader reader, StateRole? role = null, StatisticsFilter? filter = null,
        CancellationToken cancellationToken = default)
    {
        var stages = db.CaseStages(reader, filter ?? StatisticsFilter.None);
        List<Grouped> rows = ReadsCells && StatisticsCellUpkeep.Answer(reader, filter ?? StatisticsFilter.None) ? await FromCellsAsync(by, reader, role, filter ?? StatisticsFilter.None, cancellationToken) : by switch
        {
            VolumeGrouping.Year => [.. (await stages
                .GroupBy(c => new { c.Year, c.Stage })
                .Select(g => new { g.Key.Year, g.Key.Stage, Cases = g.Count(), Usd = g.Sum(c => c.Usd), WithoutRate = g.Count(c => c.WithoutRate > 0) })
                .ToListAsync(cancellationToken)).Select(r => new Grouped(r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Stage, r.Cases, r.Usd, r.WithoutRate))],
            // The asset types of a case at a stage are its counted figures' types: a case with bank funds and real estate
            // counts in both groups, with each type's own total.
            VolumeGrouping.AssetType => [.. (await (
                from f in db.CountedFiguresVisibleTo(reader)
                join c in stages on new { f.CaseId, f.Stage } equals new { c.CaseId, c.Stage }
                group f by new { f.CaseId, f.Stage, f.AssetType } into perType
                select new { perType.Key.Stage, perType.Key.AssetType, Usd = perType.Sum(f => f.UsdTotal), WithoutRate = perType.Sum(f => f.WithoutRate) })
                .GroupBy(c => new { c.AssetType, c.Stage })
                .Select(g => new { g.Key.AssetType, g.Key.Stage, Cases = g.Count(), Usd = g.Sum(c => c.Usd), WithoutRate = g.Count(c => c.WithoutRate > 0) })
                .ToListAsync(cancellationToken)).Select(r => new Grouped(r.AssetType.ToString(), r.Stage, r.Cases, r.Usd, r.WithoutRate))],
            VolumeGrouping.State => await ByCaseGroupAsync(stages, db.VisibleStates(reader, role).Select(s => new CaseGroup<string> { CaseId = s.CaseId, Group = s.StateCode }), g => g, cancellationToken),
            VolumeGrouping.Region => await ByCaseGroupAsync(
                stages,
                from s in db.VisibleStates(reader, role)
                join r in db.States on s.StateCode equals r.Code
                where r.RegionalGroup != null
                select new CaseGroup<RegionalGroup?> { CaseId = s.CaseId, Group = r.RegionalGroup },
                g => g!.Value.ToString(),
                cancellationToken),
            VolumeGrouping.Route => await ByCaseGroupAsync(
                stages, db.Set<Proceeding>().VisibleTo(db.CaseStates, reader).Select(p => new CaseGroup<string> { CaseId = p.CaseId, Group = p.RouteCode }), g => g, cancellationToken),
            _ => await ByCaseGroupAsync(stages, db.Set<CaseOffence>().Select(o => new CaseGroup<string> { CaseId = o.CaseId, Group = o.OffenceCode }), g => g, cancellationToken),
        };

        var scope = filter ?? StatisticsFilter.None;
        string Link(Grouped r) => by switch
        {
            VolumeGrouping.Year => (scope with { Stage = r.Stage, YearFrom = int.Parse(r.Group, System.Globalization.CultureInfo.InvariantCulture), YearTo = int.Parse(r.Group, System.Globalization.CultureInfo.InvariantCulture) }).CasesLink(),
            VolumeGrouping.Region => (scope with { Stage = r.Stage }).CasesLink(("region", r.Group), ("role", role?.ToString())),
            VolumeGrouping.State => (scope with { Stage = r.Stage }).CasesLink(("state", r.Group), ("role", role?.ToString())),
            VolumeGrouping.AssetType => (scope with { Stage = r.Stage }).CasesLink(("assetType", r.Group)),
            _ => (scope with { Stage = r.Stage }).CasesLink((by.ToString().ToLowerInvariant(), r.Group)),
        };

        return [.. rows
            .OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Stage)
            .Select(r => new VolumeRow(r.Group, r.Stage, r.Cases, Common.Amounts.Normalize(decimal.Round(r.Usd ?? 0m, 2)), r.WithoutRate, Link(r)))];
    }

    /// <summary>The same figures added up from <see cref="StatisticsCell"/> rows: those of the reader's audience whose case
    /// and group it may see, in the filter's stage and years. A group whose cases all went (zero left) is no group.</summary>
    private async Task<List<Grouped>> FromCellsAsync(VolumeGrouping by, CaseReader reader, StateRole? role, StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var levels = reader.Levels;
        var audience = reader.Clearance;
        var roleKey = by is VolumeGrouping.State or VolumeGrouping.Region ? role?.ToString() ?? string.Empty : string.Empty;
        var cells = db.StatisticsCells.AsNoTracking()
            .Where(c => c.Dimension == by && c.Audience == audience && c.Role == roleKey && levels.Contains(c.CaseVisibility) && levels.Contains(c.GroupVisibility));
        if (!reader.SeesDrafts)
        {
            cells = cells.Where(c => c.CaseStatus == CaseStatus.Published);
        }

        if (filter.Stage is { } stage)
        {
            cells = cells.Where(c => c.Stage == stage);
        }

        if (filter.YearFrom is { } from)
        {
            cells = cells.Where(c => c.Year >= from);
        }

        if (filter.YearTo is { } to)
        {
            cells = cells.Where(c => c.Year <= to);
        }

        var rows = by == VolumeGrouping.Year
            ? [.. (await cells.GroupBy(c => new { c.Year, c.Stage })
                .Select(g => new { g.Key.Year, g.Key.Stage, Cases = g.Sum(c => c.Cases), Cents = g.Sum(c => c.UsdCents), WithoutRate = g.Sum(c => c.CasesWithoutRate) })
                .ToListAsync(cancellationToken)).Select(r => new { Group = r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Stage, r.Cases, r.Cents, r.WithoutRate })]
            : await cells.GroupBy(c => new { Group = c.GroupKey, c.Stage })
                .Select(g => new { g.Key.Group, g.Key.Stage, Cases = g.Sum(c => c.Cases), Cents = g.Sum(c => c.UsdCents), WithoutRate = g.Sum(c => c.CasesWithoutRate) })
                .ToListAsync(cancellationToken);
        return [.. rows.Where(r => r.Cases > 0).Select(r => new Grouped(r.Group, r.Stage, r.Cases, r.Cents / 100m, r.WithoutRate))];
    }

    /// <summary>Counts the cases of each group once (the groups of a case are made distinct first, so two States of one
    /// region or two proceedings on one route do not count it twice).</summary>
    private static async Task<List<Grouped>> ByCaseGroupAsync<TGroup>(IQueryable<CaseStage> stages, IQueryable<CaseGroup<TGroup>> groups, Func<TGroup, string> name,
        CancellationToken cancellationToken)
    {
        var rows = await (from g in groups.Distinct()
                          join c in stages on g.CaseId equals c.CaseId
                          group c by new { g.Group, c.Stage } into x
                          select new { x.Key.Group, x.Key.Stage, Cases = x.Count(), Usd = x.Sum(c => c.Usd), WithoutRate = x.Count(c => c.WithoutRate > 0) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new Grouped(name(r.Group), r.Stage, r.Cases, r.Usd, r.WithoutRate))];
    }

    /// <summary>One group a case belongs to (a State, a region, a route, an offence).</summary>
    private sealed class CaseGroup<TGroup>
    {
        public int CaseId { get; init; }
        public required TGroup Group { get; init; }
    }

    private sealed record Grouped(string Group, Stage Stage, int Cases, decimal? Usd, int WithoutRate);
}
