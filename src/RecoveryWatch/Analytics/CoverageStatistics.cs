using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Analytics;

/// <param name="StatesAsked">States the information request was addressed to.</param>
/// <param name="StatesAnswered">States whose answer stands: submitted and awaiting review, or validated. An answer sent back
/// for clarification counts again once the State sends it anew.</param>
/// <param name="StatesValidated">Of those, States whose answer the Secretariat validated into the case database.</param>
/// <param name="StatesWithCases">States asked that are involved, in any role, in at least one case the reader may see.</param>
public sealed record CoverageRow(int Round, string Code, DateOnly PeriodFrom, DateOnly PeriodTo, int StatesAsked, int StatesAnswered, int StatesValidated, int StatesWithCases);

/// <summary>
/// How far an information request reached (COSP resolution 8/9 asks States parties for their cases and volumes; the
/// Working Group reads the figures knowing who answered): per round, the States asked, those that answered, and those of
/// them the database holds cases for, as the reader may see them. Counts only — which State answered is not public.
/// </summary>
public sealed class CoverageStatistics(RecoveryWatchDbContext db)
{
    /// <param name="round">One round, or every round when null.</param>
    /// <exception cref="NotFoundException">The round does not exist.</exception>
    public async Task<IReadOnlyList<CoverageRow>> HandleAsync(int? round, CaseReader reader, CancellationToken cancellationToken = default)
    {
        var rounds = db.Rounds.AsNoTracking().Where(r => round == null || r.Id == round);
        var asked = await rounds.SelectMany(r => r.States, (r, s) => new { Round = r.Id, s.StateCode, s.Status }).ToListAsync(cancellationToken);

        // A State has cases when it takes part in a case the reader may see and its part is itself visible to the reader:
        // a restricted role never shows through a count.
        var askedCodes = asked.Select(a => a.StateCode).Distinct().ToList();
        var withCases = (await db.CaseStates.AsNoTracking().VisibleTo(db.CaseStates, reader)
                .Where(s => askedCodes.Contains(s.StateCode) && db.Cases.VisibleTo(reader).Any(c => c.Id == s.CaseId))
                .Select(s => s.StateCode).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var states = asked.ToLookup(a => a.Round);
        var rows = (await rounds.OrderBy(r => r.Id).Select(r => new { r.Id, r.Code, r.PeriodFrom, r.PeriodTo }).ToListAsync(cancellationToken))
            .Select(r => new CoverageRow(
                r.Id,
                r.Code,
                r.PeriodFrom,
                r.PeriodTo,
                states[r.Id].Count(),
                states[r.Id].Count(s => s.Status is RoundStateStatus.Submitted or RoundStateStatus.Validated),
                states[r.Id].Count(s => s.Status == RoundStateStatus.Validated),
                states[r.Id].Count(s => withCases.Contains(s.StateCode))))
            .ToList();
        return round is not null && rows.Count == 0 ? throw new NotFoundException($"Round {round} does not exist.") : rows;
    }
}
