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

    /// <summary>Closed without a decision of its own: one of its two cases was merged into a third by another decision.</summary>
    Withdrawn,
}

/// <summary>
/// A proposal that a case just reported and a stored case are the same matter, seen from the two sides, and, once an
/// analyst has decided, the record of that decision: confirmed or rejected, by whom, when, with the two cases' ids and
/// titles as they were at that moment. The record outlives the cases: confirming deletes the reported case (merged into
/// the stored one), so the case ids are plain numbers here, not foreign keys that would delete the decision with the case.
/// </summary>
public sealed class MatchProposal
{
    public MatchProposal(int reportedCaseId, string reportedTitle, int candidateCaseId, string candidateTitle, double score, string reasons, DateTimeOffset at)
    {
        ReportedCaseId = reportedCaseId;
        ReportedTitle = reportedTitle;
        CandidateCaseId = candidateCaseId;
        CandidateTitle = candidateTitle;
        Score = score;
        Reasons = reasons;
        ProposedAt = at;
    }

    private MatchProposal() => Reasons = ReportedTitle = CandidateTitle = string.Empty;

    public int Id { get; private set; }
    public int ReportedCaseId { get; private set; }

    /// <summary>The reported case's title when proposed, then when decided (the case itself may be gone since).</summary>
    public string ReportedTitle { get; private set; }

    public int CandidateCaseId { get; private set; }

    /// <summary>The stored case's title when proposed, then when decided.</summary>
    public string CandidateTitle { get; private set; }

    public double Score { get; private set; }
    public string Reasons { get; private set; }
    public MatchStatus Status { get; private set; }
    public DateTimeOffset ProposedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Raised by every change; a concurrency token, so a write based on a stale read is refused (409), not applied twice.</summary>
    public int Version { get; private set; }

    public void Decide(MatchStatus status, string by, DateTimeOffset at, string reportedTitle, string candidateTitle)
    {
        if (status is not (MatchStatus.Confirmed or MatchStatus.Rejected))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A decision confirms or rejects.");
        }

        EnsureOpen();
        Status = status;
        DecidedBy = by;
        DecidedAt = at;
        ReportedTitle = reportedTitle;
        CandidateTitle = candidateTitle;
        Version++;
    }

    /// <summary>Closes a proposal that can no longer be decided because one of its cases was merged away by another decision.</summary>
    public void Withdraw(string by, DateTimeOffset at)
    {
        EnsureOpen();
        Status = MatchStatus.Withdrawn;
        DecidedBy = by;
        DecidedAt = at;
        Version++;
    }

    public void EnsureOpen()
    {
        if (Status != MatchStatus.Proposed)
        {
            throw new InvalidOperationException("AlreadyDecided");
        }
    }
}

/// <summary>A proposal or a decision as listed; <paramref name="ReportedCaseExists"/> and <paramref name="CandidateCaseExists"/>
/// say whether each case can still be opened (a confirmed merge removes the reported one).</summary>
public sealed record MatchView(int Id, int ReportedCaseId, string ReportedTitle, bool ReportedCaseExists, int CandidateCaseId, string CandidateTitle, bool CandidateCaseExists,
    double Score, IReadOnlyList<string> Reasons, MatchStatus Status, DateTimeOffset ProposedAt, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>One criterion of a match score: the points it earned of the points it can earn; <paramref name="Detail"/> is
/// the share of title words in common for "title".</summary>
public sealed record ScorePart(string Reason, double Points, double MaxPoints, string? Detail);

/// <summary>Whether the two reports give the same value for a field (title, states, offences, routes, years, summary).</summary>
public sealed record FieldAgreement(string Field, bool Agree);

public sealed record ComparedState(string State, StateRole Role);

public sealed record ComparedSource(SourceKind Kind, string? State, string Title, string? Url, DateOnly? Date);

/// <param name="ReportedBy">The State whose figure it is; null for the Secretariat's own.</param>
public sealed record ComparedFigure(Stage Stage, decimal Amount, string Currency, string Date, string? ReportedBy);

/// <summary>One stage's figures on each side; they agree when both sides give the same amounts, currencies and dates.</summary>
public sealed record StageComparison(Stage Stage, IReadOnlyList<ComparedFigure> Reported, IReadOnlyList<ComparedFigure> Stored, bool Agree);

/// <summary>One side of a comparison: the case as it is now.</summary>
public sealed record ComparedCase(int Id, string Title, string Summary, CaseStatus Status, int? FirstYear, int? LastYear,
    IReadOnlyList<ComparedState> States, IReadOnlyList<string> Offences, IReadOnlyList<string> Routes, IReadOnlyList<ComparedSource> Sources);

/// <summary>A proposal with its two reports side by side. <paramref name="Reported"/> or <paramref name="Stored"/> is null
/// when that case no longer exists (a confirmed merge removes the reported one); the agreements and the score parts are then
/// empty. <paramref name="CurrentScore"/> is the score on the cases as they are now (the proposal keeps the one it was made with).</summary>
public sealed record MatchComparison(MatchView Proposal, ComparedCase? Reported, ComparedCase? Stored, IReadOnlyList<FieldAgreement> Fields,
    IReadOnlyList<StageComparison> Stages, IReadOnlyList<ScorePart> Score, double? CurrentScore);

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
                db.Add(new MatchProposal(reportedCaseId, reported.Title, candidate.Id, candidate.Title, score, string.Join(';', reasons), clock.GetUtcNow()));
                added++;
            }
        }

        return added;
    }

    public static (double Score, List<string> Reasons) Score(Case reported, Case candidate)
    {
        var parts = ScoreParts(reported, candidate);
        double score = 0;
        foreach (var part in parts)
        {
            score += part.Points;
        }

        var reasons = parts.Where(p => p.Points > 0).Select(p => p.Detail is null ? p.Reason : p.Reason + " " + p.Detail).ToList();
        return (Math.Round(score, 3), reasons);
    }

    /// <summary>The score taken apart, so an analyst can see what it rests on: each criterion with the points it earned of the
    /// points it can earn (the title with the share of words the two titles have in common).</summary>
    public static IReadOnlyList<ScorePart> ScoreParts(Case reported, Case candidate)
    {
        var sameSides = reported.States.Where(s => s.Role != StateRole.Transit)
            .All(s => candidate.States.Any(o => o.StateCode == s.StateCode && o.Role == s.Role));
        var yearsOverlap = reported.FirstYear is { } a1 && reported.LastYear is { } a2 && candidate.FirstYear is { } b1 && candidate.LastYear is { } b2 && a1 <= b2 && b1 <= a2;
        var close = reported.Measures.Any(m => candidate.Measures.Any(o => o.Stage == m.Stage && o.Currency == m.Currency && Math.Abs(o.Amount - m.Amount) <= 0.1m * Math.Max(o.Amount, m.Amount)));
        var similarity = Jaccard(Words(reported.Title), Words(candidate.Title));
        return
        [
            new("states", sameSides ? 0.4 : 0, 0.4, null),
            new("years", yearsOverlap ? 0.2 : 0, 0.2, null),
            new("amounts", close ? 0.2 : 0, 0.2, null),
            new("title", similarity > 0 ? 0.2 * Math.Min(1, similarity * 2) : 0, 0.2, similarity.ToString("0.00", CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>The two reports of a proposal side by side, field by field, with what agrees and what does not, and the
    /// score explained. A side whose case no longer exists (merged by the decision) is null.</summary>
    public async Task<MatchComparison> CompareAsync(int proposalId, CancellationToken cancellationToken = default)
    {
        var view = (await ListAsync(cancellationToken)).SingleOrDefault(p => p.Id == proposalId) ?? throw new NotFoundException($"Proposal {proposalId} does not exist.");
        var reported = await Load(view.ReportedCaseId).SingleOrDefaultAsync(cancellationToken);
        var stored = await Load(view.CandidateCaseId).SingleOrDefaultAsync(cancellationToken);
        if (reported is null || stored is null)
        {
            return new MatchComparison(view, reported is null ? null : Side(reported), stored is null ? null : Side(stored), [], [], [], null);
        }

        static bool SameSet<T>(IEnumerable<T> a, IEnumerable<T> b) => a.ToHashSet().SetEquals(b);
        static string Plain(string text) => text.Trim().ToLowerInvariant();
        var fields = new List<FieldAgreement>
        {
            new("title", Plain(reported.Title) == Plain(stored.Title)),
            new("states", SameSet(reported.States.Select(s => (s.StateCode, s.Role)), stored.States.Select(s => (s.StateCode, s.Role)))),
            new("offences", SameSet(reported.Offences.Select(o => o.OffenceCode), stored.Offences.Select(o => o.OffenceCode))),
            new("routes", SameSet(reported.Proceedings.Select(p => p.RouteCode), stored.Proceedings.Select(p => p.RouteCode))),
            new("years", reported.FirstYear == stored.FirstYear && reported.LastYear == stored.LastYear),
            new("summary", Plain(reported.Summary) == Plain(stored.Summary)),
        };
        var stages = reported.Measures.Select(m => m.Stage).Concat(stored.Measures.Select(m => m.Stage)).Distinct().Order()
            .Select(stage =>
            {
                var left = Figures(reported, stage);
                var right = Figures(stored, stage);
                // The same figures (amount, currency and date) on both sides; a stage one side does not report disagrees too.
                var agree = left.Select(f => (f.Amount, f.Currency, f.Date)).Order().SequenceEqual(right.Select(f => (f.Amount, f.Currency, f.Date)).Order());
                return new StageComparison(stage, left, right, agree);
            })
            .ToList();
        var parts = ScoreParts(reported, stored);
        double score = 0;
        foreach (var part in parts)
        {
            score += part.Points;
        }

        return new MatchComparison(view, Side(reported), Side(stored), fields, stages, parts, Math.Round(score, 3));
    }

    private static List<ComparedFigure> Figures(Case c, Stage stage) =>
    [
        .. c.Measures.Where(m => m.Stage == stage).OrderBy(m => m.Year).ThenBy(m => m.Month).ThenBy(m => m.Day)
            .Select(m => new ComparedFigure(m.Stage, Amounts.Normalize(m.Amount), m.Currency, m.Date.ToString(), m.ReportingState)),
    ];

    private static ComparedCase Side(Case c) => new(
        c.Id, c.Title, c.Summary, c.Status, c.FirstYear, c.LastYear,
        [.. c.States.OrderBy(s => s.Role).ThenBy(s => s.StateCode, StringComparer.Ordinal).Select(s => new ComparedState(s.StateCode, s.Role))],
        [.. c.Offences.Select(o => o.OffenceCode).Order(StringComparer.Ordinal)],
        [.. c.Proceedings.Select(p => p.RouteCode).Distinct().Order(StringComparer.Ordinal)],
        [.. c.Sources.Select(s => new ComparedSource(s.Kind, s.StateCode, s.Title, s.Url, s.Date))]);

    /// <summary>Open proposals first (best score first), then every decision, newest first, with who took it and when.</summary>
    public async Task<IReadOnlyList<MatchView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var proposals = await db.Set<MatchProposal>().AsNoTracking().ToListAsync(cancellationToken);
        var ids = proposals.SelectMany(p => new[] { p.ReportedCaseId, p.CandidateCaseId }).Distinct().ToList();
        var titles = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        // An open proposal shows the cases as they are now; a decision shows them as they were when it was taken.
        string Title(MatchProposal p, int id, string recorded) =>
            p.Status == MatchStatus.Proposed && titles.TryGetValue(id, out var now) ? now : recorded.Length > 0 ? recorded : titles.GetValueOrDefault(id, "—");
        return
        [
            .. proposals.Where(p => p.Status == MatchStatus.Proposed).OrderByDescending(p => p.Score).ThenBy(p => p.Id)
                .Concat(proposals.Where(p => p.Status != MatchStatus.Proposed).OrderByDescending(p => p.DecidedAt?.UtcTicks).ThenByDescending(p => p.Id))
                .Select(p => new MatchView(p.Id, p.ReportedCaseId, Title(p, p.ReportedCaseId, p.ReportedTitle), titles.ContainsKey(p.ReportedCaseId),
                    p.CandidateCaseId, Title(p, p.CandidateCaseId, p.CandidateTitle), titles.ContainsKey(p.CandidateCaseId),
                    p.Score, p.Reasons.Split(';', StringSplitOptions.RemoveEmptyEntries), p.Status, p.ProposedAt, p.DecidedBy, p.DecidedAt)),
        ];
    }

    public async Task RejectAsync(int proposalId, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        // Read inside the write transaction: a decision a colleague took a moment ago is seen, and the version token refuses
        // the write of one that read the proposal before it changed, so one decision per proposal, whatever the instance.
        var proposal = await FindAsync(proposalId, cancellationToken);
        Open(proposal);
        var titles = await db.Cases.AsNoTracking().Where(c => c.Id == proposal.ReportedCaseId || c.Id == proposal.CandidateCaseId)
            .ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        proposal.Decide(MatchStatus.Rejected, actor, now, titles.GetValueOrDefault(proposal.ReportedCaseId, proposal.ReportedTitle), titles.GetValueOrDefault(proposal.CandidateCaseId, proposal.CandidateTitle));
        db.AuditEntries.Add(new AuditEntry(now, actor, "reject-match", nameof(MatchProposal), proposalId.ToString(CultureInfo.InvariantCulture), null, Describe(proposal)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Merges the reported case into the stored one and removes the duplicate; returns the canonical case id. The
    /// decision stays, with the removed case's id and title; open proposals involving the removed case are withdrawn.</summary>
    public async Task<int> ConfirmAsync(int proposalId, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var proposal = await FindAsync(proposalId, cancellationToken);
        Open(proposal);
        var source = await Load(proposal.ReportedCaseId).AsTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new ConflictException("proposal", "CaseNoLongerExists", proposal.ReportedCaseId);
        var target = await Load(proposal.CandidateCaseId).AsTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new ConflictException("proposal", "CaseNoLongerExists", proposal.CandidateCaseId);
        proposal.Decide(MatchStatus.Confirmed, actor, now, source.Title, target.Title);
        // The claim, before anything is merged: a confirmation or rejection that read the proposal as open too is refused
        // by the version token here (409), so the cases are merged once and the proposal carries one decision.
        await db.SaveChangesAsync(cancellationToken);
        var before = JsonSerializer.Serialize(SaveCaseRequest.From(target));
        target.MergeFrom(source, now);
        foreach (var other in await db.Set<MatchProposal>()
            .Where(p => p.Id != proposalId && p.Status == MatchStatus.Proposed && (p.ReportedCaseId == source.Id || p.CandidateCaseId == source.Id)).ToListAsync(cancellationToken))
        {
            other.Withdraw(actor, now);
        }

        foreach (var row in await db.Set<SubmittedCase>().Where(r => r.CaseId == source.Id).ToListAsync(cancellationToken))
        {
            row.CaseId = target.Id;
        }

        db.Cases.Remove(source);
        db.AuditEntries.Add(new AuditEntry(now, actor, "confirm-match", nameof(MatchProposal), proposalId.ToString(CultureInfo.InvariantCulture), null, Describe(proposal)));
        db.AuditEntries.Add(new AuditEntry(now, actor, "merge", nameof(Case), target.Id.ToString(CultureInfo.InvariantCulture), before,
            JsonSerializer.Serialize(new { merged = source.Id, proposal = proposalId, disagreement = target.FiguresDisagree })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return target.Id;
    }

    private static string Describe(MatchProposal p) => JsonSerializer.Serialize(new
    {
        status = p.Status.ToString(),
        reported = new { id = p.ReportedCaseId, title = p.ReportedTitle },
        candidate = new { id = p.CandidateCaseId, title = p.CandidateTitle },
        score = p.Score,
    });

    private static void Open(MatchProposal proposal)
    {
        try
        {
            proposal.EnsureOpen();
        }
        catch (InvalidOperationException exception)
        {
            // Decided already (by a colleague, or by this analyst's first click): a conflict with its state, 409.
            throw new ConflictException("status", exception.Message);
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
