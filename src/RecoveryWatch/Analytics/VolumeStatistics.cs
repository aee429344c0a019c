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
}

public sealed record VolumeRow(string Group, Stage Stage, int Cases, decimal UsdTotal);

/// <summary>
/// Volumes frozen, seized, confiscated and returned (COSP resolution 8/9), per group and stage: the number of cases and
/// the US-dollar total, each case counted once per group and stage, stages never added together. Where both sides of a
/// case reported figures for a stage, the requested State's count for freezing, seizure and confiscation and the requesting
/// (receiving) State's for returns. Aggregated in the database over what the reader may see.
/// </summary>
public sealed class VolumeStatistics(RecoveryWatchDbContext db)
{
    public async Task<IReadOnlyList<VolumeRow>> HandleAsync(VolumeGrouping by, CaseReader reader, CancellationToken cancellationToken = default)
    {
        var levels = reader.Levels;
        var cases = db.Cases.AsNoTracking().VisibleTo(reader).Select(c => c.Id);
        var measures = db.Measures.AsNoTracking()
            .Where(m => cases.Contains(m.CaseId) && levels.Contains(m.Visibility) && m.UsdAmount != null)
            // Drop a figure when another State reported the same stage of the same case and that State is the preferred reporter.
            .Where(m => !(m.ReportingState != null && db.Measures.Any(o => o.CaseId == m.CaseId && o.Stage == m.Stage && o.ReportingState != null && o.ReportingState != m.ReportingState
                && db.CaseStates.Any(s => s.CaseId == m.CaseId && s.StateCode == o.ReportingState
                    && s.Role == (m.Stage == Stage.Returned ? StateRole.Requesting : StateRole.Requested)))));

        List<(string Group, Stage Stage, int Cases, decimal Usd)> rows;
        switch (by)
        {
            case VolumeGrouping.Year:
                rows = [.. (await measures.GroupBy(m => new { m.Year, m.Stage })
                    .Select(g => new { g.Key.Year, g.Key.Stage, Cases = g.Select(m => m.CaseId).Distinct().Count(), Usd = g.Sum(m => m.UsdAmount) })
                    .ToListAsync(cancellationToken)).Select(r => (r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Stage, r.Cases, r.Usd ?? 0m))];
                break;
            case VolumeGrouping.Region:
            case VolumeGrouping.State:
                var role = by == VolumeGrouping.Region ? StateRole.Requesting : (StateRole?)null;
                var joined = await (from m in measures
                                    join s in db.CaseStates on m.CaseId equals s.CaseId
                                    where role == null || s.Role == role
                                    group m by new { s.StateCode, m.Stage } into g
                                    select new { g.Key.StateCode, g.Key.Stage, Cases = g.Select(m => m.CaseId).Distinct().Count(), Usd = g.Sum(m => m.UsdAmount) })
                    .ToListAsync(cancellationToken);
                if (by == VolumeGrouping.State)
                {
                    rows = [.. joined.Select(r => (r.StateCode, r.Stage, r.Cases, r.Usd ?? 0m))];
                }
                else
                {
                    // A region's count needs distinct cases across its States; the requesting State is one per case, so sums hold.
                    rows = [.. joined.GroupBy(r => (Region: ReferenceCatalog.Default.States.TryGetValue(r.StateCode, out var info) ? info.Group?.ToString() ?? "None" : "None", r.Stage))
                        .Select(g => (g.Key.Region, g.Key.Stage, g.Sum(r => r.Cases), g.Sum(r => r.Usd ?? 0m)))];
                }

                break;
            case VolumeGrouping.Route:
                var routes = db.Set<Proceeding>().Select(p => new { Code = p.RouteCode, p.CaseId }).Distinct();
                rows = [.. (await (from m in measures
                                   join k in routes on m.CaseId equals k.CaseId
                                   group m by new { k.Code, m.Stage } into g
                                   select new { g.Key.Code, g.Key.Stage, Cases = g.Select(m => m.CaseId).Distinct().Count(), Usd = g.Sum(m => m.UsdAmount) })
                    .ToListAsync(cancellationToken)).Select(r => (r.Code, r.Stage, r.Cases, r.Usd ?? 0m))];
                break;
            default:
                var offences = db.Set<CaseOffence>().Select(o => new { Code = o.OffenceCode, o.CaseId }).Distinct();
                rows = [.. (await (from m in measures
                                   join k in offences on m.CaseId equals k.CaseId
                                   group m by new { k.Code, m.Stage } into g
                                   select new { g.Key.Code, g.Key.Stage, Cases = g.Select(m => m.CaseId).Distinct().Count(), Usd = g.Sum(m => m.UsdAmount) })
                    .ToListAsync(cancellationToken)).Select(r => (r.Code, r.Stage, r.Cases, r.Usd ?? 0m))];
                break;
        }

        return [.. rows.OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Stage).Select(r => new VolumeRow(r.Group, r.Stage, r.Cases, Common.Amounts.Normalize(decimal.Round(r.Usd, 2))))];
    }
}
