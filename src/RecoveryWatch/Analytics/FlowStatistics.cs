using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Analytics;

/// <param name="Requesting">The State that asked for the assets (the State of origin, UNCAC art. 57(3)).</param>
/// <param name="Requested">The State where the assets are located.</param>
/// <param name="CasesLink">The case list holding exactly the cases of this flow.</param>
public sealed record FlowRow(string Requesting, string Requested, Stage Stage, int Cases, decimal UsdTotal, int CasesWithoutRate, string CasesLink);

/// <summary>
/// Flows between States: for each pair of a requesting and a requested State the reader may see in a case, the cases that
/// reached each stage and their counted US-dollar total. A case counts once per pair and stage; a case between two requesting
/// States and one requested State appears in both pairs (each pair is a real flow), so pairs are not to be added up.
/// </summary>
public sealed class FlowStatistics(RecoveryWatchDbContext db)
{
    public async Task<IReadOnlyList<FlowRow>> HandleAsync(CaseReader reader, StatisticsFilter filter, CancellationToken cancellationToken = default)
    {
        var stages = db.CaseStages(reader, filter);
        var requesting = db.VisibleStates(reader, StateRole.Requesting).Select(s => new { s.CaseId, s.StateCode }).Distinct();
        var requested = db.VisibleStates(reader, StateRole.Requested).Select(s => new { s.CaseId, s.StateCode }).Distinct();
        var rows = await (from c in stages
                          join source in requesting on c.CaseId equals source.CaseId
                          join target in requested on c.CaseId equals target.CaseId
                          group c by new { From = source.StateCode, To = target.StateCode, c.Stage } into g
                          select new { g.Key.From, g.Key.To, g.Key.Stage, Cases = g.Count(), Usd = g.Sum(c => c.Usd), WithoutRate = g.Count(c => c.WithoutRate > 0) })
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderBy(r => r.Stage).ThenByDescending(r => r.Usd ?? 0m).ThenBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal)
            .Select(r => new FlowRow(r.From, r.To, r.Stage, r.Cases, Common.Amounts.Normalize(decimal.Round(r.Usd ?? 0m, 2)), r.WithoutRate,
                (filter with { Stage = r.Stage }).CasesLink(("requesting", r.From), ("requested", r.To))))];
    }
}
