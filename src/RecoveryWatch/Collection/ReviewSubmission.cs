using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Analytics;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

public sealed record CommentInput(string Sheet, int Row, string Text);

/// <summary>
/// The Secretariat's review of a submission: ask for clarification row by row (the focal point answers with a new upload),
/// or validate it, which merges the reported cases and figures into the Asset Recovery Watch database. Each figure keeps
/// the submission, reporting State and cell it came from. One transaction per step.
/// </summary>
/// <remarks>
/// Each step reads the submission inside its write transaction and claims it (status and version token) before anything
/// else is written, so of two analysts, or eight clicks, only one step takes effect; the others are refused with a 409
/// that says where the answer stands. The database decides (the version token in the UPDATE), so this holds with several
/// app instances on one PostgreSQL, not only within one process.
/// </remarks>
public sealed class ReviewSubmission(RecoveryWatchDbContext db, TimeProvider clock, Reconciliation reconciliation)
{
    /// <summary>The column of a figure's amount in the Measures sheet: the cell a figure's provenance points to.</summary>
    private static readonly string AmountColumn = Questionnaire.Column(Questionnaire.MeasureColumns.ToList().IndexOf("amount"));

    public async Task RequestClarificationAsync(int submissionId, IReadOnlyList<CommentInput> comments, string actor, CancellationToken cancellationToken = default)
    {
        var checkedComments = CheckComments(comments);
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var submission = await db.Submissions.Include(s => s.Comments).SingleOrDefaultAsync(s => s.Id == submissionId, cancellationToken)
            ?? throw new NotFoundException($"Submission {submissionId} does not exist.");
        Transition(() => submission.RequestClarification(checkedComments.Select(c => new SubmissionComment(c.Sheet, c.Row, c.Text, actor, now))));
        await SetRoundStateAsync(submission, RoundStateStatus.ClarificationRequested, cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actor, "request-clarification", nameof(Submission), submissionId.ToString(CultureInfo.InvariantCulture), null, JsonSerializer.Serialize(comments)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Each question names a sheet of the questionnaire and a data row, and has a text within the stored length.</summary>
    private List<CommentInput> CheckComments(IReadOnlyList<CommentInput> comments)
    {
        var errors = new ValidationCollector();
        if (comments.Count == 0)
        {
            errors.Add("comments", "Required");
        }

        var fields = FieldRules.For(db.Model);
        var sheets = new[] { Questionnaire.CasesSheet, Questionnaire.MeasuresSheet }.Concat(Questionnaire.DetailSheets.Select(d => d.Sheet)).ToList();
        var result = new List<CommentInput>();
        for (var i = 0; i < comments.Count; i++)
        {
            if (comments[i] is not { } comment)
            {
                errors.Add($"comments[{i}]", "NullItem");
                continue;
            }

            if (!sheets.Contains(comment.Sheet, StringComparer.Ordinal))
            {
                errors.Add($"comments[{i}].sheet", "UnknownCode", comment.Sheet ?? string.Empty);
            }

            if (comment.Row < Questionnaire.FirstDataRow)
            {
                errors.Add($"comments[{i}].row", "OutOfRange", Questionnaire.FirstDataRow, int.MaxValue);
            }

            var text = fields.Text<SubmissionComment>(errors, $"comments[{i}].text", comment.Text, nameof(SubmissionComment.Text), multiline: true);
            if (text is null && !errors.Errors.Any(e => e.Field == $"comments[{i}].text"))
            {
                errors.Add($"comments[{i}].text", "Required");
            }

            result.Add(comment with { Text = text ?? string.Empty });
        }

        errors.ThrowIfAny();
        return result;
    }

    public Task<IReadOnlyList<int>> ValidateAsync(int submissionId, string actor, CancellationToken cancellationToken = default) =>
        ValidateAsync(submissionId, actor, isSynthetic: false, cancellationToken);

    /// <param name="isSynthetic">The demo round's answers (<see cref="SeedDemoRound"/>): the cases they propose are marked synthetic.</param>
    internal async Task<IReadOnlyList<int>> ValidateAsync(int submissionId, string actor, bool isSynthetic, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        // Under the writers' lock, so an import of rates is either seen here or converts these figures again.
        var rates = await db.ExchangeRates.AsNoTracking().ToListAsync(cancellationToken);
        var submission = await LoadAsync(submissionId, cancellationToken);
        Transition(() => submission.Validate(actor, now));
        await SetRoundStateAsync(submission, RoundStateStatus.Validated, cancellationToken);
        // The claim, before a single case is created: a second validation that read the answer as submitted too finds its
        // version changed here and stops with a 409, so no case is ever created twice.
        await db.SaveChangesAsync(cancellationToken);
        var round = await db.Set<InformationRound>().AsNoTracking().SingleAsync(r => r.Id == submission.RoundId, cancellationToken);
        var touched = new List<int>();
        var merged = new List<(SubmittedCase Row, Case Target, string Action, int Figures)>();
        var roundLabel = $"{round.Code} ({round.Mandate})";
        var summaryLimit = FieldRules.For(db.Model).MaxLength<Case>(nameof(Case.Summary));
        // One source per case: a detail belongs to one case, so a single instance shared by every row of the answer ended
        // up on one case only, and the other cases of the answer had no source at all.
        CaseSource Source() => new(SourceKind.StateSubmission, submission.StateCode, null,
            roundLabel, DateOnly.FromDateTime(submission.SubmittedAt.UtcDateTime), Visibility.Public);
        foreach (var row in submission.Cases.OrderBy(c => c.Row))
        {
            var figures = submission.Measures.Where(m => m.CaseReference == row.Reference).Select(m =>
            {
                var measure = new AssetMeasure(m.Stage, m.AssetType, new Money(m.Amount, m.Currency), m.Date, null, m.Note, m.ExcessReason, Visibility.Public);
                measure.ReportedBy(submission.Id, submission.StateCode, $"{Questionnaire.MeasuresSheet}!{AmountColumn}{m.Row.ToString(CultureInfo.InvariantCulture)}");
                return measure;
            }).ToList();
            UsdConversion.Convert(figures, rates);

            Case target;
            string action;
            if (row.CaseKey is { } key)
            {
                var canonical = await CanonicalCaseIdAsync(key, cancellationToken);
                target = await db.Cases.Include(c => c.Measures).Include(c => c.Sources).SingleAsync(c => c.Id == canonical, cancellationToken);
                // A figure already stored (same stage, date, amount and currency) is not added twice when a State resends it.
                var fresh = figures.Where(f => !target.Measures.Any(m => m.Stage == f.Stage && m.Date == f.Date && m.Amount == f.Amount && m.Currency == f.Currency)).ToList();
                target.AddReported(fresh, Source(), now);
                action = "update-from-submission";
            }
            else
            {
                target = new Case(row.Title, isSynthetic, now);
                // A proposal, not a publication: the case stays a draft, with a public summary proposed from the answer and
                // the submission as its source, until an analyst has read it and publishes it (PublishCase).
                target.Describe(row.Title, ProposeSummary(row, submission, roundLabel, summaryLimit), Visibility.Public, Visibility.Public, CaseStatus.Draft, now);
                var other = SubmissionQueries.CounterpartRole(row.RoleOfReportingState);
                var requested = row.RoleOfReportingState == StateRole.Requested ? submission.StateCode : row.CounterpartState;
                target.Replace(
                    [new CaseState(submission.StateCode, row.RoleOfReportingState, Visibility.Public), new CaseState(row.CounterpartState, other, Visibility.Public)],
                    row.Offences.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(o => new CaseOffence(o)),
                    row.Routes.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(r => new Proceeding(r, requested, string.Empty, Visibility.Public)),
                    figures, [], [], [], [Source()]);
                db.Cases.Add(target);
                action = "create-from-submission";
            }

            // Victims and third parties stay restricted (the Secretariat and the States involved): they name people.
            var details = submission.Details.Where(d => d.CaseReference == row.Reference).ToList();
            if (details.Count > 0)
            {
                if (row.CaseKey is not null)
                {
                    await db.Entry(target).Collection(c => c.Victims).LoadAsync(cancellationToken);
                    await db.Entry(target).Collection(c => c.ThirdParties).LoadAsync(cancellationToken);
                    await db.Entry(target).Collection(c => c.Challenges).LoadAsync(cancellationToken);
                }

                target.AddReportedDetails(
                    details.Where(d => d.Sheet == Questionnaire.VictimsSheet).Select(d => new Victim(Enum.Parse<VictimKind>(d.Code!), d.Text,
                        d.CompensationOrdered is { } o ? new Money(o, d.Currency!) : null, d.CompensationPaid is { } p ? new Money(p, d.Currency!) : null, Visibility.Secretariat)),
                    details.Where(d => d.Sheet == Questionnaire.ThirdPartiesSheet).Select(d => new ThirdPartyClaim(Enum.Parse<ThirdPartyKind>(d.Code!), d.Text, string.IsNullOrEmpty(d.Outcome) ? null : d.Outcome, Visibility.Secretariat)),
                    // The reporting State met the challenge: it is one of the case's States.
                    details.Where(d => d.Sheet == Questionnaire.ChallengesSheet).Select(d => new CaseChallenge(d.Code!, string.IsNullOrEmpty(d.Text) ? null : d.Text, submission.StateCode)),
                    now);
            }

            merged.Add((row, target, action, figures.Count));
        }

        // The technical-assistance needs the State reported (COSP resolution 8/9) become needs of that State, each with its
        // cell, in this same transaction: a validation that fails leaves none behind.
        var needs = await Knowledge.TechnicalAssistance.FromSubmissionAsync(db, submission, actor, now, cancellationToken);

        // One save for every row (the counted figures of all touched cases are rebuilt once, in this transaction), then
        // the ids exist for the proposals and the audit entries.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (row, target, action, figureCount) in merged)
        {
            if (row.CaseKey is null)
            {
                // The other side may have reported the same matter already: propose a match for an analyst to decide.
                await reconciliation.ProposeAsync(target.Id, cancellationToken);
            }

            row.CaseId = target.Id;
            touched.Add(target.Id);
            db.AuditEntries.Add(new AuditEntry(now, actor, action, nameof(Case), target.Id.ToString(CultureInfo.InvariantCulture), null,
                JsonSerializer.Serialize(new { submission = submission.Id, state = submission.StateCode, row = $"{Questionnaire.CasesSheet}!{row.Row.ToString(CultureInfo.InvariantCulture)}", measures = figureCount })));
        }

        // Sheet LegalFramework becomes the State's validated profile, in this same transaction.
        await new Knowledge.EditLegalFramework(db, clock).AdoptFromSubmissionAsync(submission, $"{round.Code} ({round.Mandate})", actor, now, cancellationToken);
        // Challenges the State meets in general (rows of the Challenges sheet without a case reference) become its
        // State-level reports, each keeping the cell it came from.
        var general = submission.Details.Where(d => d.Sheet == Questionnaire.ChallengesSheet && d.CaseReference is null && d.Code is not null)
            .Select(d => new Knowledge.StateChallenge(submission.StateCode, d.Code!, string.IsNullOrEmpty(d.Text) ? null : d.Text, submission.Id, submission.RoundId,
                $"{Questionnaire.ChallengesSheet}!{Questionnaire.Column(Questionnaire.ChallengeColumns.ToList().IndexOf("challenge"))}{d.Row.ToString(CultureInfo.InvariantCulture)}", now))
            .ToList();
        if (general.Count > 0)
        {
            db.StateChallenges.AddRange(general);
            db.AuditEntries.Add(new AuditEntry(now, actor, "create-from-submission", nameof(Knowledge.StateChallenge), submission.StateCode, null,
                JsonSerializer.Serialize(new { submission = submission.Id, round = submission.RoundId, challenges = general.Select(g => new { code = g.ChallengeCode, cell = g.SourceCell, note = g.Note }) })));
        }

        foreach (var need in needs)
        {
            db.AuditEntries.Add(new AuditEntry(now, actor, "create-from-submission", nameof(Knowledge.AssistanceNeed), need.Id.ToString(CultureInfo.InvariantCulture), null,
                JsonSerializer.Serialize(new { submission = submission.Id, state = submission.StateCode, cell = need.SourceCell, area = need.AreaCode, type = need.Type.ToString(), priority = need.Priority.ToString() })));
        }

        db.AuditEntries.Add(new AuditEntry(now, actor, "validate", nameof(Submission), submissionId.ToString(CultureInfo.InvariantCulture), null, JsonSerializer.Serialize(new { cases = touched })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return touched;
    }

    /// <summary>
    /// The public summary proposed for a case a State reported: its own summary, then what it reported (who, in which
    /// request, offences, figures), so the analyst starts from the answer's facts rather than from an empty field. Written
    /// in English, the working language of the database's records; the analyst edits it before publishing.
    /// </summary>
    internal static string ProposeSummary(SubmittedCase row, Submission submission, string roundLabel, int? maxLength)
    {
        const string En = "en";
        var catalog = ReferenceCatalog.Default;
        string Role(StateRole role) => catalog.StateRoles.TryGetValue(role.ToString(), out var label) ? label.Name(En) : role.ToString();
        var text = new System.Text.StringBuilder();
        if (!string.IsNullOrWhiteSpace(row.Summary))
        {
            text.Append(row.Summary.Trim()).Append(' ');
        }

        text.Append(CultureInfo.InvariantCulture,
            $"Reported by {catalog.StateName(submission.StateCode, En)} ({Role(row.RoleOfReportingState)}) concerning {catalog.StateName(row.CounterpartState, En)} ({Role(SubmissionQueries.CounterpartRole(row.RoleOfReportingState))}) in answer to {roundLabel}.");
        var offences = row.Offences.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(o => catalog.Offences.TryGetValue(o, out var label) ? label.Name(En) : o).ToList();
        if (offences.Count > 0)
        {
            text.Append(" Offences: ").Append(string.Join("; ", offences)).Append('.');
        }

        var figures = submission.Measures.Where(m => m.CaseReference == row.Reference).OrderBy(m => m.Row)
            .Select(m => string.Create(CultureInfo.InvariantCulture,
                $"{(catalog.Stages.TryGetValue(m.Stage.ToString(), out var stage) ? stage.Name(En) : m.Stage.ToString())} {Amounts.Normalize(m.Amount):#,0.##} {m.Currency} ({m.Date})"))
            .ToList();
        if (figures.Count > 0)
        {
            text.Append(" Figures reported: ").Append(string.Join("; ", figures)).Append('.');
        }

        var summary = text.ToString().Trim();
        return maxLength is { } max && summary.Length > max ? summary[..(max - 1)].TrimEnd() + "…" : summary;
    }

    private async Task SetRoundStateAsync(Submission submission, RoundStateStatus status, CancellationToken cancellationToken)
    {
        var state = await db.Set<RoundState>().SingleAsync(s => s.RoundId == submission.RoundId && s.StateCode == submission.StateCode, cancellationToken);
        state.Set(status, clock.GetUtcNow());
    }

    /// <summary>
    /// The case a keyed row updates. Between the upload and this validation, reconciliation may have merged that case into
    /// another one and removed it; the kept decision says into which, so the figures follow the merge instead of failing.
    /// </summary>
    private async Task<int> CanonicalCaseIdAsync(int key, CancellationToken cancellationToken)
    {
        var id = key;
        for (var hops = 0; !await db.Cases.AnyAsync(c => c.Id == id, cancellationToken); hops++)
        {
            var mergedInto = hops < 10
                ? await db.Set<MatchProposal>().Where(p => p.ReportedCaseId == id && p.Status == MatchStatus.Confirmed).Select(p => (int?)p.CandidateCaseId).FirstOrDefaultAsync(cancellationToken)
                : null;
            id = mergedInto ?? throw new ConflictException("cases", "CaseNoLongerExists", key);
        }

        return id;
    }

    private async Task<Submission> LoadAsync(int id, CancellationToken cancellationToken) =>
        await db.Set<Submission>().Include(s => s.Cases).Include(s => s.Measures).Include(s => s.Comments).Include(s => s.Details).Include(s => s.LegalAnswers).AsSplitQuery().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
        ?? throw new NotFoundException($"Submission {id} does not exist.");

    private static void Transition(Action step)
    {
        try
        {
            step();
        }
        catch (InvalidOperationException exception)
        {
            // The answer is no longer where the request expected it (validated, sent back, superseded): a conflict with its
            // current state (409), like a lost race, not a malformed request.
            throw new ConflictException("status", exception.Message);
        }
    }
}
