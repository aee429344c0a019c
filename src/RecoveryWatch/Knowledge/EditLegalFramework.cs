using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Knowledge;

/// <summary>Who acts on a profile: a focal point for its own States (<see cref="States"/>), or the Secretariat (null: any State).</summary>
public sealed record FrameworkEditor(string Actor, IReadOnlyCollection<string>? States)
{
    public bool IsSecretariat => States is null;

    public bool ActsFor(string state) => States is null || States.Contains(state);
}

/// <summary>What a step on a profile did: the version it left, and whether anything changed.</summary>
public sealed record FrameworkStepResult(LegalFrameworkDocument Version, bool Changed);

/// <summary>
/// The steps of a profile's life: a focal point (for its own State) or the Secretariat saves a draft, which starts from the
/// current validated version; the focal point submits it; the Secretariat validates it, which supersedes the version it
/// replaces, or returns it to the State. Each step is one transaction with one audit entry; a step that lost a race with
/// another (a second click, a colleague) is refused with a 409 by the version read or by the unique indexes, never applied twice.
/// </summary>
public sealed class EditLegalFramework(RecoveryWatchDbContext db, TimeProvider clock)
{
    private readonly LegalFrameworkRules _rules = new(db.Model);

    /// <summary>Creates or replaces the State's open version. Saving unchanged answers changes nothing and writes no audit.</summary>
    public async Task<FrameworkStepResult> SaveDraftAsync(string state, SaveFrameworkRequest request, FrameworkEditor editor, CancellationToken cancellationToken = default)
    {
        state = CheckState(state, editor);
        var now = clock.GetUtcNow();
        var errors = new ValidationCollector();
        var dating = _rules.Dating(errors, request.AsOf, request.Source, DateOnly.FromDateTime(now.UtcDateTime));
        var answers = _rules.Answers(errors, request.Answers ?? [], (i, key) => $"answers[{i.ToString(CultureInfo.InvariantCulture)}].{JsonName(key)}");
        errors.ThrowIfAny();

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var open = await OpenAsync(state, cancellationToken);
        string action;
        string? before = null;
        if (open is null)
        {
            if (request.Version != 0)
            {
                // The editor read an open version that has since been validated or removed: not a new draft to start blindly.
                throw ConflictException.ConcurrentChange("version");
            }

            var number = (await db.Set<LegalFrameworkVersion>().Where(v => v.StateCode == state).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
            open = new LegalFrameworkVersion(state, number, dating!.Value.AsOf, dating.Value.Source, null, editor.Actor, now);
            db.Add(open);
            open.Revise(dating.Value.AsOf, dating.Value.Source, answers, editor.Actor, now);
            action = "start-legal-framework";
        }
        else
        {
            if (request.Version != open.Version)
            {
                throw ConflictException.ConcurrentChange("version");
            }

            if (open.Status == FrameworkStatus.Submitted && !editor.IsSecretariat)
            {
                // Submitted answers wait for the Secretariat; the State changes them again only once they are returned.
                throw new ConflictException("status", "FrameworkAwaitingValidation");
            }

            before = Snapshot(open);
            if (!open.Revise(dating!.Value.AsOf, dating.Value.Source, answers, editor.Actor, now))
            {
                return new FrameworkStepResult(LegalFrameworkDocument.From(open, editor.IsSecretariat), false);
            }

            action = "edit-legal-framework";
        }

        await db.SaveChangesAsync(cancellationToken);
        Audit(editor.Actor, action, open, before, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FrameworkStepResult(LegalFrameworkDocument.From(open, editor.IsSecretariat), true);
    }

    /// <summary>The focal point (or the Secretariat) sends the draft for validation.</summary>
    public Task<FrameworkStepResult> SubmitAsync(string state, int version, FrameworkEditor editor, CancellationToken cancellationToken = default) =>
        StepAsync(state, version, editor, "submit-legal-framework", (v, now) => v.Submit(editor.Actor, now), cancellationToken);

    /// <summary>The Secretariat sends a submitted version back to the State.</summary>
    public Task<FrameworkStepResult> ReturnAsync(string state, int version, FrameworkEditor editor, CancellationToken cancellationToken = default) =>
        StepAsync(state, version, RequireSecretariat(editor), "return-legal-framework", (v, now) => v.Return(editor.Actor, now), cancellationToken);

    /// <summary>The Secretariat validates the open version: it becomes the State's profile and the one it replaces is kept as history.</summary>
    public Task<FrameworkStepResult> ValidateAsync(string state, int version, FrameworkEditor editor, CancellationToken cancellationToken = default) =>
        StepAsync(state, version, RequireSecretariat(editor), "validate-legal-framework", (v, now) => v.Validate(editor.Actor, now), cancellationToken, supersede: true);

    /// <summary>
    /// When the Secretariat validates a State's answer to a round, the rows of its sheet LegalFramework become a validated
    /// version of the State's profile, dated the day of the answer and citing it as source — in the validation's own
    /// transaction. An open draft of the State is left alone (it is newer work) unless it is the same answers.
    /// </summary>
    public async Task AdoptFromSubmissionAsync(Collection.Submission submission, string roundLabel, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (submission.LegalAnswers.Count == 0)
        {
            return;
        }

        var number = (await db.Set<LegalFrameworkVersion>().Where(v => v.StateCode == submission.StateCode).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        var asOf = DateOnly.FromDateTime(submission.SubmittedAt.UtcDateTime);
        var source = Truncate(roundLabel, _rules.SourceLength);
        var adopted = new LegalFrameworkVersion(submission.StateCode, number, asOf, source, submission.Id, actor, now);
        adopted.Revise(asOf, source, [.. submission.LegalAnswers.Select(a => a.ToAnswer())], actor, now);
        adopted.Validate(actor, now);
        await SupersedeCurrentAsync(submission.StateCode, actor, now, cancellationToken);
        db.Add(adopted);
        await db.SaveChangesAsync(cancellationToken);
        Audit(actor, "validate-legal-framework", adopted, null, now);
    }

    private async Task<FrameworkStepResult> StepAsync(string state, int version, FrameworkEditor editor, string action, Action<LegalFrameworkVersion, DateTimeOffset> step,
        CancellationToken cancellationToken, bool supersede = false)
    {
        state = CheckState(state, editor);
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var open = await OpenAsync(state, cancellationToken);
        if (open is null)
        {
            // Validated (or returned and validated) by someone else a moment ago is a lost race, not a missing record.
            throw await db.Set<LegalFrameworkVersion>().AnyAsync(v => v.StateCode == state, cancellationToken)
                ? new ConflictException("version", "FrameworkNotOpen")
                : new NotFoundException($"{state} has no legal framework version.");
        }

        if (open.Version != version)
        {
            throw ConflictException.ConcurrentChange("version");
        }

        var before = Snapshot(open);
        if (supersede)
        {
            // The old current version leaves the "one validated per State" index before the new one enters it (both
            // databases check a unique index statement by statement); a refused step below rolls this back with the rest.
            await SupersedeCurrentAsync(state, editor.Actor, now, cancellationToken);
        }

        try
        {
            step(open, now);
        }
        catch (InvalidOperationException exception)
        {
            throw new ConflictException("status", exception.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        Audit(editor.Actor, action, open, before, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FrameworkStepResult(LegalFrameworkDocument.From(open, editor.IsSecretariat), true);
    }

    private async Task SupersedeCurrentAsync(string state, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await db.Set<LegalFrameworkVersion>().SingleOrDefaultAsync(v => v.StateCode == state && v.Status == FrameworkStatus.Validated, cancellationToken);
        if (current is not null)
        {
            current.Supersede(actor, now);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private Task<LegalFrameworkVersion?> OpenAsync(string state, CancellationToken cancellationToken) =>
        db.Set<LegalFrameworkVersion>().Include(v => v.Answers)
            .SingleOrDefaultAsync(v => v.StateCode == state && (v.Status == FrameworkStatus.Draft || v.Status == FrameworkStatus.Submitted), cancellationToken);

    private static string CheckState(string state, FrameworkEditor editor)
    {
        state = (state ?? string.Empty).Trim().ToUpperInvariant();
        if (!StateCode.IsKnown(state))
        {
            throw new NotFoundException($"No State {state}.");
        }

        return editor.ActsFor(state) ? state : throw new NotYourStateException();
    }

    private static FrameworkEditor RequireSecretariat(FrameworkEditor editor) =>
        editor.IsSecretariat ? editor : throw new NotYourStateException();

    private void Audit(string actor, string action, LegalFrameworkVersion version, string? before, DateTimeOffset now) =>
        db.AuditEntries.Add(new AuditEntry(now, actor, action, nameof(LegalFrameworkVersion),
            $"{version.StateCode}/{version.Number.ToString(CultureInfo.InvariantCulture)}", before, Snapshot(version)));

    private static string Snapshot(LegalFrameworkVersion version) =>
        JsonSerializer.Serialize(LegalFrameworkDocument.From(version, withPeople: true) with { Version = 0 });

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>The JSON name of an input key: law_title → lawTitle.</summary>
    internal static string JsonName(string key) =>
        string.Concat(key.Split('_').Select((part, i) => i == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
