using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Cases;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Analytics;

/// <param name="Stage">The stage the cases reached; null in the row that counts every case that met the challenge.</param>
/// <param name="CasesLink">The case list holding exactly these cases.</param>
/// <param name="Group">For <c>by=state|region|route</c>: the State, UN regional group or legal route; null for <c>by=type</c>.</param>
public sealed record ChallengeRow(string Challenge, Stage? Stage, int Cases, string CasesLink, string? Group = null);

/// <summary>How challenge frequencies are broken down: by type alone (and the stages the cases reached), or per type by a
/// State of the case, the UN regional group of such a State, or the legal route of a proceeding of the case.</summary>
public enum ChallengeGrouping
{
    Type,
    State,
    Region,
    Route,
}

/// <summary>
/// The challenges States reported meeting (the Working Group's recurring agenda item on obstacles to asset recovery), by
/// frequency and by the stages the cases reached: a challenge met in a case that never got past freezing tells a different
/// story from one met on the way to a return. With filters, only the cases they select count.
/// </summary>
public sealed class ChallengeStatistics(RecoveryWatchDbContext db)
{
    /// <summary>
    /// Per challenge and group, the cases the reader may see that met it, each case once per group: a case with two
    /// requested States in one region counts once there. A State, region or route comes only from what the reader may see
    /// in the case (<see cref="CaseStageQueries.VisibleStates"/>, visible proceedings), so a restricted State never forms a
    /// group for a reader who may not see it.
    /// </summary>
    /// <param name="role">For <c>by=state</c> and <c>by=region</c>: only States in this role (requested, requesting…).</param>
    public async Task<IReadOnlyList<ChallengeRow>> HandleAsync(ChallengeGrouping by, CaseReader reader, StatisticsFilter filter, StateRole? role = null, CancellationToken cancellationToken = default)
    {
        if (by == ChallengeGrouping.Type)
        {
            return await HandleAsync(reader, filter, cancellationToken);
        }

        var pairs = Pairs(reader, filter);
        var states = db.VisibleStates(reader, role);
        List<(string Challenge, string Group, int Cases)> rows;
        if (by == ChallengeGrouping.Region)
        {
            // The regional group is stored as text but converted by EF, so group in SQL by the State's column and name it here.
            var byRegion = await (from p in pairs
                                  join s in states on p.CaseId equals s.CaseId
                                  join r in db.States on s.StateCode equals r.Code
                                  where r.RegionalGroup != null
                                  select new { p.CaseId, p.ChallengeCode, r.RegionalGroup }).Distinct()
                .GroupBy(x => new { x.ChallengeCode, x.RegionalGroup })
                .Select(g => new { g.Key.ChallengeCode, g.Key.RegionalGroup, Cases = g.Count() })
                .ToListAsync(cancellationToken);
            rows = [.. byRegion.Select(r => (r.ChallengeCode, r.RegionalGroup!.Value.ToString(), r.Cases))];
        }
        else
        {
            var groups = by == ChallengeGrouping.State
                ? states.Select(s => new CaseGroup { CaseId = s.CaseId, Group = s.StateCode })
                : db.Set<Proceeding>().VisibleTo(db.CaseStates, reader).Select(p => new CaseGroup { CaseId = p.CaseId, Group = p.RouteCode });
            var counted = await (from p in pairs
                                 join g in groups.Distinct() on p.CaseId equals g.CaseId
                                 group p by new { p.ChallengeCode, g.Group } into x
                                 select new { x.Key.ChallengeCode, x.Key.Group, Cases = x.Count() })
                .ToListAsync(cancellationToken);
            rows = [.. counted.Select(r => (r.ChallengeCode, r.Group, r.Cases))];
        }

        var key = by.ToString().ToLowerInvariant();
        return [.. rows.OrderBy(r => r.Challenge, StringComparer.Ordinal).ThenBy(r => r.Group, StringComparer.Ordinal)
            .Select(r => new ChallengeRow(r.Challenge, null, r.Cases,
                filter.CasesLink(("challenge", r.Challenge), (key, r.Group), ("role", by == ChallengeGrouping.Route ? null : role?.ToString())), r.Group))];
    }

    public async Task<IReadOnlyList<ChallengeRow>> HandleAsync(CaseReader reader, StatisticsFilter filter, CancellationToken cancellationToken = default)
    {
        var stages = db.CaseStages(reader, filter);
        var pairs = Pairs(reader, filter);
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

    /// <summary>Each visible case once per challenge it met, among the cases the filters select.</summary>
    private IQueryable<CasePair> Pairs(CaseReader reader, StatisticsFilter filter)
    {
        var challenges = db.Set<CaseChallenge>().Where(ch => db.Cases.VisibleTo(reader).Any(c => c.Id == ch.CaseId));
        if (filter != StatisticsFilter.None)
        {
            var stages = db.CaseStages(reader, filter);
            challenges = challenges.Where(ch => stages.Any(s => s.CaseId == ch.CaseId));
        }

        return challenges.Select(ch => new CasePair { CaseId = ch.CaseId, ChallengeCode = ch.ChallengeCode }).Distinct();
    }

    private sealed class CasePair
    {
        public int CaseId { get; init; }
        public required string ChallengeCode { get; init; }
    }

    private sealed class CaseGroup
    {
        public int CaseId { get; init; }
        public required string Group { get; init; }
    }
}
