using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Analytics;

/// <param name="Stage">The stage the cases reached; null in the row that counts every case that met the challenge.</param>
/// <param name="CasesLink">The case list holding exactly these cases.</param>
public sealed record ChallengeRow(string Challenge, Stage? Stage, int Cases, string CasesLink);

/// <summary>
/// The challenges States reported meeting (the Working Group's recurring agenda item on obstacles to asset recovery), by
/// frequency and by the stages the cases reached: a challenge met in a case that never got past freezing tells a different
/// story from one met on the way to a return. With filters, only the cases they select count.
/// </summary>
public sealed class ChallengeStatistics(RecoveryWatchDbContext db)
{
    public async Task<IReadOnlyList<ChallengeRow>> HandleAsync(CaseReader reader, StatisticsFilter filter, CancellationToken cancellationToken = default)
    {
        var challenges = db.Set<CaseChallenge>().Where(ch => db.Cases.VisibleTo(reader).Any(c => c.Id == ch.CaseId));
        var stages = db.CaseStages(reader, filter);
        if (filter != StatisticsFilter.None)
        {
            challenges = challenges.Where(ch => stages.Any(s => s.CaseId == ch.CaseId));
        }

        var pairs = challenges.Select(ch => new { ch.CaseId, ch.ChallengeCode }).Distinct();
        var total = await pairs.GroupBy(p => p.ChallengeCode).Select(g => new { Challenge = g.Key, Cases = g.Count() }).ToListAsync(cancellationToken);
        var byStage = await (from p in pairs
                             join s in stages on p.CaseId equals s.CaseId
                             group p by new { p.ChallengeCode, s.Stage } into g
                             select new { Challenge = g.Key.ChallengeCode, g.Key.Stage, Cases = g.Count() }).ToListAsync(cancellationToken);
        // Most frequent challenge first; under each, its row for all cases, then one row per stage in the stages' order.
        var rank = total.OrderByDescending(t => t.Cases).ThenBy(t => t.Challenge, StringComparer.Ordinal).Select((t, i) => (t.Challenge, i))
            .ToDictionary(t => t.Challenge, t => t.i, StringComparer.Ordinal);
        return [.. total.Select(t => new ChallengeRow(t.Challenge, null, t.Cases, filter.CasesLink(("challenge", t.Challenge))))
            .Concat(byStage.Select(s => new ChallengeRow(s.Challenge, s.Stage, s.Cases, (filter with { Stage = s.Stage }).CasesLink(("challenge", s.Challenge)))))
            .OrderBy(r => rank[r.Challenge]).ThenBy(r => r.Stage is not null).ThenBy(r => r.Stage)];
    }
}
