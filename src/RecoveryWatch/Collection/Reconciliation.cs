using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

public enum MatchStatus
{
    Proposed,
    Confirmed,
    Rejected,
}

/// <summary>A proposal that a case just reported and a stored case are the same matter, seen from the two sides.</summary>
public sealed class MatchProposal
{
    public MatchProposal(int reportedCaseId, int candidateCaseId, double score, string reasons, DateTimeOffset at)
    {
        ReportedCaseId = reportedCaseId;
        CandidateCaseId = candidateCaseId;
        Score = score;
        Reasons = reasons;
        ProposedAt = at;
    }

    private MatchProposal() => Reasons = string.Empty;

    public int Id { get; private set; }
    public int ReportedCaseId { get; private set; }
    public int CandidateCaseId { get; private set; }
    public double Score { get; private set; }
    public string Reasons { get; private set; }
    public MatchStatus Status { get; private set; }
    public DateTimeOffset ProposedAt { get; private set; }
    public string? DecidedBy { get; private set; }

    /// <summary>Raised by every change; a concurrency token, so a write based on a stale read is refused (409), not applied twice.</summary>
    public int Version { get; private set; }

    public void Decide(MatchStatus status, string by)
    {
        if (Status != MatchStatus.Proposed)
        {
            throw new InvalidOperationException("AlreadyDecided");
        }

        Status = status;
        DecidedBy = by;
        Version++;
    }
}

public sealed record MatchView(int Id, int ReportedCaseId, string ReportedTitle, int CandidateCaseId, string CandidateTitle, double Score, IReadOnlyList<string> Reasons, MatchStatus Status);

/// <summary>
/// When the requesting and the requested State both report the same matter, their reports should become one canonical case.
/// A proposal is scored from the States both involve (with opposite roles), overlapping years, close amounts in a currency,
/// and similar titles; an analyst confirms or rejects it. Confirming merges the reported case into the stored one: every
/// figure keeps its reporting State, and the case is flagged when the two sides' figures for a stage disagree.
/// </summary>
public sealed class Reconciliation(RecoveryWatchDbContext db, TimeProvider clock)
{
    public const double Threshold = 0.5;

    /// <summary>Scores stored cases against a newly reported one and records proposals above the threshold.</summary>
    public async Task<int> ProposeAsync(int reportedCaseId, CancellationToken cancellationToken = default)
    {
        var reported = await Load(reportedCaseId).SingleAsync(cancellationToken);
        var codes = reported.States.Select(s => s.StateCode).ToList();
        var candidates = await Load(null)
            .Where(c => c.Id != reportedCaseId && !c.IsSynthetic && c.States.Count(s => codes.Contains(s.StateCode)) >= 2)
            .ToListAsync(cancellationToken);
        var added = 0;
        foreach (var candidate in candidates)
        {
            var (score, reasons) = Score(reported, candidate);
            if (score >= Threshold && !await db.Set<MatchProposal>().AnyAsync(p => p.ReportedCaseId == reportedCaseId && p.CandidateCaseId == candidate.Id, cancellationToken))
            {
                db.Add(new MatchProposal(reportedCaseId, candidate.Id, score, string.Join(';', reasons), clock.GetUtcNow()));
                added++;
            }
        }

        return added;
    }

    public static (double Score, List<string> Reasons) Score(Case reported, Case candidate)
    {
        var reasons = new List<string>();
        double score = 0;
        var sameSides = reported.States.Where(s => s.Role != StateRole.Transit)
            .All(s => candidate.States.Any(o => o.StateCode == s.StateCode && o.Role == s.Role));
        if (sameSides)
        {
            score += 0.4;
            reasons.Add("states");
        }

        if (reported.FirstYear is { } a1 && reported.LastYear is { } a2 && candidate.FirstYear is { } b1 && candidate.LastYear is { } b2 && a1 <= b2 && b1 <= a2)
        {
            score += 0.2;
            reasons.Add("years");
        }

        var close = reported.Measures.Any(m => candidate.Measures.Any(o => o.Stage == m.Stage && o.Currency == m.Currency && Math.Abs(o.Amount - m.Amount) <= 0.1m * Math.Max(o.Amount, m.Amount)));
        if (close)
        {
            score += 0.2;
            reasons.Add("amounts");
        }

        var similarity = Jaccard(Words(reported.Title), Words(candidate.Title));
        if (similarity > 0)
        {
            score += 0.2 * Math.Min(1, similarity * 2);
            reasons.Add("title " + similarity.ToString("0.00", CultureInfo.InvariantCulture));
        }

        return (Math.Round(score, 3), reasons);
    }

    public async Task<IReadOnlyList<MatchView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var proposals = await db.Set<MatchProposal>().AsNoTracking().OrderBy(p => p.Status).ThenByDescending(p => p.Score).ToListAsync(cancellationToken);
        var ids = proposals.SelectMany(p => new[] { p.ReportedCaseId, p.CandidateCaseId }).Distinct().ToList();
        var titles = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        return [.. proposals.Select(p => new MatchView(p.Id, p.ReportedCaseId, titles.GetValueOrDefault(p.ReportedCaseId, "—"), p.CandidateCaseId,
            titles.GetValueOrDefault(p.CandidateCaseId, "—"), p.Score, p.Reasons.Split(';', StringSplitOptions.RemoveEmptyEntries), p.Status))];
    }

    public async Task RejectAsync(int proposalId, string actor, CancellationToken cancellationToken = default)
    {
        var proposal = await FindAsync(proposalId, cancellationToken);
        Decide(proposal, MatchStatus.Rejected, actor);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "reject-match", nameof(MatchProposal), proposalId.ToString(CultureInfo.InvariantCulture), null, null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Merges the reported case into the stored one and removes the duplicate; returns the canonical case id.</summary>
    public async Task<int> ConfirmAsync(int proposalId, string actor, CancellationToken cancellationToken = default)
    {
        var proposal = await FindAsync(proposalId, cancellationToken);
        Decide(proposal, MatchStatus.Confirmed, actor);
        var source = await Load(proposal.ReportedCaseId).AsTracking().SingleAsync(cancellationToken);
        var target = await Load(proposal.CandidateCaseId).AsTracking().SingleAsync(cancellationToken);
        var before = JsonSerializer.Serialize(SaveCaseRequest.From(target));
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        target.MergeFrom(source, now);
        foreach (var other in await db.Set<MatchProposal>().Where(p => p.Id != proposalId && (p.ReportedCaseId == source.Id || p.CandidateCaseId == source.Id)).ToListAsync(cancellationToken))
        {
            db.Remove(other);
        }

        foreach (var row in await db.Set<SubmittedCase>().Where(r => r.CaseId == source.Id).ToListAsync(cancellationToken))
        {
            row.CaseId = target.Id;
        }

        db.Cases.Remove(source);
        db.AuditEntries.Add(new AuditEntry(now, actor, "merge", nameof(Case), target.Id.ToString(CultureInfo.InvariantCulture), before,
            JsonSerializer.Serialize(new { merged = source.Id, proposal = proposalId, disagreement = target.FiguresDisagree })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return target.Id;
    }

    private static void Decide(MatchProposal proposal, MatchStatus status, string actor)
    {
        try
        {
            proposal.Decide(status, actor);
        }
        catch (InvalidOperationException exception)
        {
            throw new ValidationFailedException([new ValidationError("status", exception.Message)]);
        }
    }

    private async Task<MatchProposal> FindAsync(int id, CancellationToken cancellationToken) =>
        await db.Set<MatchProposal>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException($"Proposal {id} does not exist.");

    private IQueryable<Case> Load(int? id)
    {
        var query = db.Cases.AsNoTracking().Include(c => c.States).Include(c => c.Measures).Include(c => c.Offences).Include(c => c.Proceedings)
            .Include(c => c.Sources).Include(c => c.Victims).Include(c => c.ThirdParties).Include(c => c.Challenges).AsSplitQuery();
        return id is { } value ? query.Where(c => c.Id == value) : query;
    }

    private static HashSet<string> Words(string title) =>
        [.. title.ToLowerInvariant().Split([' ', ',', ':', ';', '.', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3)];

    private static double Jaccard(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : (double)a.Intersect(b).Count() / a.Union(b).Count();
}
