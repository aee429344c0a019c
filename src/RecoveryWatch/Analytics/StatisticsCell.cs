using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Analytics;

/// <summary>
/// The volumes of <see cref="VolumeStatistics"/> added up in advance: one row per grouping, audience, case status and
/// visibility, stage, year (the year the case reached the stage), group (a State, region, route, offence or asset type),
/// role (for States and regions; empty for any role) and the visibility of the group in the case, holding the number of
/// cases, their US-dollar total in cents and the number of them with a figure without a rate. A reader without States of
/// its own adds up the rows of its audience whose case and group visibility it may see, a few hundred rows however many
/// cases there are, instead of grouping the counted figures of every case (bench/README.md).
/// <para>Each case adds exactly what <see cref="VolumeStatistics"/> counts for it when it reads the counted figures: once
/// per group and stage. A group a case belongs to through several rows (two States of one region, two proceedings on one
/// route) is stored once, with the least restricted visibility among those rows: visibility levels are nested, so a reader
/// sees the group in the case exactly when it may see at least one of the rows.</para>
/// Derived data, kept by <see cref="StatisticsCellUpkeep"/> in the transaction of every write to a case (what the case added
/// before the write is taken off, what it adds after is put on) and rebuilt with the counted figures by the
/// <c>rebuild-figures</c> verb; a test compares the two (see <see cref="StatisticsCellUpkeep"/>).
/// </summary>
public sealed class StatisticsCell
{
    public long Id { get; private set; }
    public VolumeGrouping Dimension { get; private set; }
    public Visibility Audience { get; private set; }

    /// <summary>A <see cref="StateRole"/> name for States and regions counted in that role only, empty for any role.</summary>
    public string Role { get; private set; } = string.Empty;

    public CaseStatus CaseStatus { get; private set; }
    public Visibility CaseVisibility { get; private set; }
    public Visibility GroupVisibility { get; private set; }
    public Stage Stage { get; private set; }
    public int Year { get; private set; }

    /// <summary>The group's code (State, region, route, offence, asset type); empty for years.</summary>
    public string GroupKey { get; private set; } = string.Empty;

    public int Cases { get; private set; }

    /// <summary>US-dollar total in cents: counted figures have two decimals, and integers add exactly on both databases.</summary>
    public long UsdCents { get; private set; }

    public int CasesWithoutRate { get; private set; }
}

public static class StatisticsCellUpkeep
{
    private const int Chunk = 1000;

    /// <summary>Rows per INSERT … ON CONFLICT statement (12 parameters each, far below both databases' limits).</summary>
    private const int RowsPerStatement = 200;

    /// <summary>Whether the cells answer for this reader and filter. A focal point counts the restricted figures of its own
    /// States' cases, and the region filter depends on the States of each case: those are read from the counted figures.</summary>
    public static bool Answer(CaseReader reader, StatisticsFilter filter) => reader.OwnStates.Length == 0 && filter.Region is null;

    /// <summary>The cases whose cells a save may change: a case's status and visibility, its States, measures (through the
    /// counted figures), proceedings (routes) and offences.</summary>
    /// <param name="changedCaseParts">The save's changed cases and case details, scanned once by the DbContext.</param>
    public static List<EntityEntry> Touched(IEnumerable<EntityEntry> changedCaseParts) =>
        [.. changedCaseParts.Where(e => e.Entity is Case or AssetMeasure or CaseState or Proceeding or CaseOffence)];

    public static List<int> CaseIds(IEnumerable<EntityEntry> touched) =>
        [.. touched.Select(e => e.Entity switch
        {
            Case c => c.Id,
            AssetMeasure m => m.CaseId,
            CaseState s => s.CaseId,
            Proceeding p => p.CaseId,
            _ => ((CaseOffence)e.Entity).CaseId,
        }).Where(id => id > 0).Distinct()];

    /// <summary>What the stored cases <paramref name="caseIds"/> add to the cells now (read before a save for what to take
    /// off, after it for what to put on; the counted figures must be current).</summary>
    public static async Task<Dictionary<CellKey, CellValue>> ContributionsAsync(RecoveryWatchDbContext db, IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken)
    {
        var cells = new Dictionary<CellKey, CellValue>();
        if (caseIds.Count == 0)
        {
            return cells;
        }

        var regions = await RegionsAsync(db, cancellationToken);
        foreach (var chunk in caseIds.Chunk(Chunk))
        {
            await AddAsync(db, chunk, regions, cells, cancellationToken);
        }

        return cells;
    }

    /// <summary>Puts on the cells the difference between what the cases added before a write and what they add after it.</summary>
    public static async Task ApplyAsync(RecoveryWatchDbContext db, Dictionary<CellKey, CellValue> before, Dictionary<CellKey, CellValue> after, CancellationToken cancellationToken)
    {
        var delta = new Dictionary<CellKey, CellValue>(after);
        foreach (var (key, value) in before)
        {
            delta[key] = (delta.TryGetValue(key, out var now) ? now : default) - value;
        }

        await UpsertAsync(db, delta.Where(d => !d.Value.IsZero), cancellationToken);
    }

    /// <summary>Regenerates every cell from the cases' counted figures and details (after <see cref="CountingRule"/> rebuilt
    /// the figures), in the caller's transaction.</summary>
    public static async Task RebuildAllAsync(RecoveryWatchDbContext db, CancellationToken cancellationToken)
    {
        await db.StatisticsCells.ExecuteDeleteAsync(cancellationToken);
        var regions = await RegionsAsync(db, cancellationToken);
        var cells = new Dictionary<CellKey, CellValue>();
        var last = 0;
        while (true)
        {
            var after = last;
            var ids = await db.Cases.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Select(c => c.Id).Take(Chunk * 10).ToArrayAsync(cancellationToken);
            if (ids.Length == 0)
            {
                break;
            }

            await AddAsync(db, ids, regions, cells, cancellationToken);
            last = ids[^1];
        }

        await UpsertAsync(db, cells.Where(c => !c.Value.IsZero), cancellationToken);
    }

    private static async Task<Dictionary<string, RegionalGroup>> RegionsAsync(RecoveryWatchDbContext db, CancellationToken cancellationToken) =>
        (await db.States.AsNoTracking().Where(s => s.RegionalGroup != null).Select(s => new { s.Code, s.RegionalGroup }).ToListAsync(cancellationToken))
            .ToDictionary(s => s.Code, s => s.RegionalGroup!.Value, StringComparer.Ordinal);

    private static async Task AddAsync(RecoveryWatchDbContext db, int[] ids, Dictionary<string, RegionalGroup> regions, Dictionary<CellKey, CellValue> cells, CancellationToken cancellationToken)
    {
        var first = ids.Min();
        var last = ids.Max();
        var dense = last - first < ids.Length * 2;
        // A contiguous range (a rebuild) is read by range; a few cases (a write) by an array parameter.
        var figures = (await (dense ? db.CountedFigures.Where(f => f.CaseId >= first && f.CaseId <= last) : db.CountedFigures.Where(f => EF.Parameter(ids).Contains(f.CaseId))).AsNoTracking()
            .Select(f => new { f.CaseId, f.Visibility, f.Stage, f.AssetType, f.Year, f.UsdTotal, f.WithoutRate, f.CaseStatus, f.CaseVisibility })
            .ToListAsync(cancellationToken)).ToLookup(f => f.CaseId);
        var states = (await (dense ? db.CaseStates.Where(s => s.CaseId >= first && s.CaseId <= last) : db.CaseStates.Where(s => EF.Parameter(ids).Contains(s.CaseId))).AsNoTracking()
            .Select(s => new { s.CaseId, s.StateCode, s.Role, s.Visibility }).ToListAsync(cancellationToken)).ToLookup(s => s.CaseId);
        var routes = (await (dense ? db.Set<Proceeding>().Where(p => p.CaseId >= first && p.CaseId <= last) : db.Set<Proceeding>().Where(p => EF.Parameter(ids).Contains(p.CaseId))).AsNoTracking()
            .Select(p => new { p.CaseId, p.RouteCode, p.Visibility }).ToListAsync(cancellationToken)).ToLookup(p => p.CaseId);
        var offences = (await (dense ? db.Set<CaseOffence>().Where(o => o.CaseId >= first && o.CaseId <= last) : db.Set<CaseOffence>().Where(o => EF.Parameter(ids).Contains(o.CaseId))).AsNoTracking()
            .Select(o => new { o.CaseId, o.OffenceCode }).ToListAsync(cancellationToken)).ToLookup(o => o.CaseId);
        var wanted = ids.ToHashSet();
        foreach (var caseFigures in figures.Where(f => wanted.Contains(f.Key)))
        {
            var caseId = caseFigures.Key;

            // The groups of the case, each once with the least restricted visibility of the rows that put the case in it.
            var groups = new List<(VolumeGrouping Dimension, string Role, string Key, Visibility Visibility)>();
            foreach (var role in new StateRole?[] { null, StateRole.Requesting, StateRole.Requested, StateRole.Transit })
            {
                var inRole = states[caseId].Where(s => role is null || s.Role == role).ToList();
                var roleKey = role?.ToString() ?? string.Empty;
                groups.AddRange(inRole.GroupBy(s => s.StateCode, StringComparer.Ordinal).Select(g => (VolumeGrouping.State, roleKey, g.Key, g.Min(s => s.Visibility))));
                groups.AddRange(inRole.Where(s => regions.ContainsKey(s.StateCode)).GroupBy(s => regions[s.StateCode])
                    .Select(g => (VolumeGrouping.Region, roleKey, g.Key.ToString(), g.Min(s => s.Visibility))));
            }

            groups.AddRange(routes[caseId].GroupBy(p => p.RouteCode, StringComparer.Ordinal).Select(g => (VolumeGrouping.Route, string.Empty, g.Key, g.Min(p => p.Visibility))));
            // Offences have no visibility of their own: the statistics group by all of a visible case's offences.
            groups.AddRange(offences[caseId].Select(o => o.OffenceCode).Distinct(StringComparer.Ordinal).Select(o => (VolumeGrouping.Offence, string.Empty, o, Visibility.Public)));

            // Per audience and stage, as CaseStageQueries.CaseStages sums the counted figures.
            foreach (var stage in caseFigures.GroupBy(f => (f.Visibility, f.Stage)))
            {
                var status = stage.First().CaseStatus;
                var caseVisibility = stage.First().CaseVisibility;
                var year = stage.Min(f => f.Year);
                var value = new CellValue(1, Cents(stage.Sum(f => f.UsdTotal ?? 0m)), stage.Sum(f => f.WithoutRate) > 0 ? 1 : 0);
                CellKey Key(VolumeGrouping dimension, string role, string group, Visibility visibility) =>
                    new(dimension, stage.Key.Visibility, role, status, caseVisibility, visibility, stage.Key.Stage, year, group);
                void Add(CellKey key, CellValue v) => cells[key] = (cells.TryGetValue(key, out var had) ? had : default) + v;

                Add(Key(VolumeGrouping.Year, string.Empty, string.Empty, Visibility.Public), value);
                // A case with bank funds and real estate counts in both asset types, each with its own total.
                foreach (var type in stage.GroupBy(f => f.AssetType))
                {
                    Add(Key(VolumeGrouping.AssetType, string.Empty, type.Key.ToString(), Visibility.Public),
                        new CellValue(1, Cents(type.Sum(f => f.UsdTotal ?? 0m)), type.Sum(f => f.WithoutRate) > 0 ? 1 : 0));
                }

                foreach (var group in groups)
                {
                    Add(Key(group.Dimension, group.Role, group.Key, group.Visibility), value);
                }
            }
        }
    }

    private static long Cents(decimal usd) => (long)decimal.Round(usd * 100m, 0, MidpointRounding.AwayFromZero);

    private static async Task UpsertAsync(RecoveryWatchDbContext db, IEnumerable<KeyValuePair<CellKey, CellValue>> cells, CancellationToken cancellationToken)
    {
        // In a fixed order, so two writers on PostgreSQL would lock cells in the same order (they queue on the writers' lock
        // anyway). The cells are added to, never overwritten: ON CONFLICT adds the difference to the row in place.
        foreach (var batch in cells.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal).Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO \"StatisticsCells\" (\"Dimension\", \"Audience\", \"Role\", \"CaseStatus\", \"CaseVisibility\", \"GroupVisibility\", \"Stage\", \"Year\", \"GroupKey\", \"Cases\", \"UsdCents\", \"CasesWithoutRate\") VALUES ");
            var parameters = new List<object>(batch.Length * 12);
            foreach (var (key, value) in batch)
            {
                if (parameters.Count > 0)
                {
                    sql.Append(", ");
                }

                sql.Append('(');
                object[] row = [key.Dimension.ToString(), key.Audience.ToString(), key.Role, key.CaseStatus.ToString(), key.CaseVisibility.ToString(), key.GroupVisibility.ToString(),
                    key.Stage.ToString(), key.Year, key.GroupKey, value.Cases, value.UsdCents, value.CasesWithoutRate];
                for (var i = 0; i < row.Length; i++)
                {
                    sql.Append(i == 0 ? string.Empty : ", ").Append('{').Append(parameters.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
                    parameters.Add(row[i]);
                }

                sql.Append(')');
            }

            sql.Append(" ON CONFLICT (\"Dimension\", \"Audience\", \"Role\", \"CaseStatus\", \"CaseVisibility\", \"GroupVisibility\", \"Stage\", \"Year\", \"GroupKey\") DO UPDATE SET ")
                .Append("\"Cases\" = \"StatisticsCells\".\"Cases\" + excluded.\"Cases\", ")
                .Append("\"UsdCents\" = \"StatisticsCells\".\"UsdCents\" + excluded.\"UsdCents\", ")
                .Append("\"CasesWithoutRate\" = \"StatisticsCells\".\"CasesWithoutRate\" + excluded.\"CasesWithoutRate\"");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }
    }
}

public readonly record struct CellKey(VolumeGrouping Dimension, Visibility Audience, string Role, CaseStatus CaseStatus, Visibility CaseVisibility, Visibility GroupVisibility,
    Stage Stage, int Year, string GroupKey);

public readonly record struct CellValue(int Cases, long UsdCents, int CasesWithoutRate)
{
    public bool IsZero => Cases == 0 && UsdCents == 0 && CasesWithoutRate == 0;

    public static CellValue operator +(CellValue a, CellValue b) => new(a.Cases + b.Cases, a.UsdCents + b.UsdCents, a.CasesWithoutRate + b.CasesWithoutRate);

    public static CellValue operator -(CellValue a, CellValue b) => new(a.Cases - b.Cases, a.UsdCents - b.UsdCents, a.CasesWithoutRate - b.CasesWithoutRate);
}
