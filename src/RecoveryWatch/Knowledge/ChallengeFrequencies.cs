using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;

namespace RecoveryWatch.Knowledge;

/// <param name="Reports">Rows reported (a State may report a type in several rounds).</param>
/// <param name="States">Distinct States that reported it.</param>
public sealed record StateChallengeCount(string Challenge, int Reports, int States);

public sealed record StateChallengeItem(int Id, string State, string Challenge, string? Note, int SubmissionId, int RoundId, string SourceCell, DateTimeOffset ReportedAt);

/// <summary>
/// The challenges States report meeting in general (<see cref="StateChallenge"/>). Which State reported which challenge is
/// read by the Secretariat only (the callers check the policy): it comes from answers to information requests, whose
/// content is not public.
/// </summary>
public sealed class ChallengeFrequencies(RecoveryWatchDbContext db)
{
    public const int MaxItems = 1000;

    public async Task<IReadOnlyList<StateChallengeCount>> CountsAsync(string? state = null, CancellationToken cancellationToken = default)
    {
        var reports = db.StateChallenges.AsNoTracking();
        if (state is not null)
        {
            reports = reports.Where(r => r.StateCode == state);
        }

        var counts = await reports.GroupBy(r => r.ChallengeCode)
            .Select(g => new { g.Key, Reports = g.Count(), States = g.Select(r => r.StateCode).Distinct().Count() })
            .ToListAsync(cancellationToken);
        return [.. counts.OrderByDescending(c => c.States).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new StateChallengeCount(c.Key, c.Reports, c.States))];
    }

    public async Task<IReadOnlyList<StateChallengeItem>> ListAsync(string? state, string? challenge, CancellationToken cancellationToken = default)
    {
        var reports = db.StateChallenges.AsNoTracking();
        if (state is not null)
        {
            reports = reports.Where(r => r.StateCode == state);
        }

        if (challenge is not null)
        {
            reports = reports.Where(r => r.ChallengeCode == challenge);
        }

        return await reports.OrderBy(r => r.StateCode).ThenBy(r => r.ChallengeCode).ThenBy(r => r.Id).Take(MaxItems)
            .Select(r => new StateChallengeItem(r.Id, r.StateCode, r.ChallengeCode, r.Note, r.SubmissionId, r.RoundId, r.SourceCell, r.ReportedAt))
            .ToListAsync(cancellationToken);
    }
}
