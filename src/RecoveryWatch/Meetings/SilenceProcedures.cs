using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Meetings;

public sealed record SilenceView(int Id, int MeetingId, string DraftSymbol, DateTimeOffset CirculatedAt, DateTimeOffset Deadline, DateTimeOffset DeadlineInMeetingZone,
    SilenceStatus Status, DateTimeOffset? ClosedAt, IReadOnlyList<SilenceBreakView> Breaks);

public sealed record SilenceBreakView(string State, SilenceBreakKind Kind, string Text, DateTimeOffset At);

/// <summary>
/// The silence procedure's steps (circulate, object or amend, close at the deadline), each one transaction with its audit
/// entry. "Now" always comes from the clock, so tests move time by hand.
/// <para>
/// Reading never writes: a procedure past its deadline is shown as adopted (closed at the deadline) by computing it from the
/// clock, and the close is stored by the sweep or by the next write that meets it. Races between requests, and between app
/// instances on one database, are decided by the database: the procedure's concurrency token (one break), the unique index
/// of one open procedure per meeting (one circulation), and conditional updates (one close). The loser is told what happened
/// (silence already broken, a procedure already open), with a 409.
/// </para>
/// </summary>
public sealed class SilenceProcedures(RecoveryWatchDbContext db, TimeProvider clock)
{
    public async Task<SilenceView> CirculateAsync(int meetingId, string draftSymbol, DateTimeOffset? deadline, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationCollector();
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException($"Meeting {meetingId} does not exist.");
        if (!DocumentSymbol.TryParseDetailed(draftSymbol, out var symbol, out var symbolError))
        {
            errors.Add("draftSymbol", "InvalidSymbol", draftSymbol, symbolError.Reason);
        }
        else if (FieldRules.For(db.Model).MaxLength<SilenceProcedure>(nameof(SilenceProcedure.DraftSymbol)) is { } max && symbol.ToString().Length > max)
        {
            errors.Add("draftSymbol", "TooLong", max);
        }

        var now = clock.GetUtcNow();
        if (deadline is null)
        {
            errors.Add("deadline", "Required");
        }
        else if (SilenceProcedure.DeadlineError(deadline.Value, now) is { } deadlineError)
        {
            errors.Add("deadline", deadlineError, (int)SilenceProcedure.MaxDeadlineAhead.TotalDays);
        }

        errors.ThrowIfAny();

        // What is open now, for the usual answer. It is read before the write begins, as another request or instance may
        // read at the same moment: the unique index of one open procedure per meeting has the last word.
        var open = await db.SilenceProcedures.AsNoTracking().Where(s => s.MeetingId == meetingId && s.Status == SilenceStatus.Open).ToListAsync(cancellationToken);
        if (open.Any(p => !p.IsDue(now)))
        {
            throw AlreadyOpen(null);
        }

        var procedure = new SilenceProcedure(meeting.Id, symbol.ToString(), now, deadline!.Value.ToUniversalTime(), actor);
        try
        {
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            // A write may close: those past their deadline are stored as adopted first (or the index would refuse the new one).
            foreach (var due in open)
            {
                await StoreCloseAsync(due, now, cancellationToken);
            }

            db.SilenceProcedures.Add(procedure);
            await db.SaveChangesAsync(cancellationToken);
            Audit(procedure, actor, "circulate", null);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateException or ConflictException)
        {
            // The transaction is rolled back: nothing of this request is stored. If another circulation opened a procedure
            // meanwhile, that is what refused this one; say so rather than "changed at the same time" (or a 500). What is
            // stored is looked up again, which tells which refusal it was whatever the engine said.
            ForgetUnsaved();
            if (await db.SilenceProcedures.AnyAsync(s => s.MeetingId == meetingId && s.Status == SilenceStatus.Open, cancellationToken))
            {
                throw AlreadyOpen(exception);
            }

            throw;
        }

        return View(procedure, meeting, now);
    }

    /// <summary>A delegate of a State party objects or proposes an amendment; either breaks silence, once.</summary>
    public async Task<SilenceView> BreakAsync(int procedureId, string stateCode, SilenceBreakKind kind, string? text, string actor, CancellationToken cancellationToken = default)
    {
        // Read before the write begins: the version read is what the concurrency token checks when the break is stored.
        var procedure = await db.SilenceProcedures.Include(s => s.Breaks).SingleOrDefaultAsync(s => s.Id == procedureId, cancellationToken)
            ?? throw new NotFoundException($"Silence procedure {procedureId} does not exist.");
        text = CheckBreakText(text);
        var now = clock.GetUtcNow();
        if (procedure.IsDue(now))
        {
            // Too late: the report stands adopted. A write may close, so the close this request met is stored (once).
            await using (var closing = await db.BeginWriteAsync(cancellationToken))
            {
                await StoreCloseAsync(procedure, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await closing.CommitAsync(cancellationToken);
            }

            throw new ValidationFailedException([new ValidationError("text", "DeadlinePassed")]);
        }

        try
        {
            procedure.Break(stateCode, kind, text!, actor, now);
        }
        catch (InvalidOperationException exception)
        {
            throw Refusal(exception.Message, exception);
        }

        try
        {
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            Audit(procedure, actor, kind == SilenceBreakKind.Objection ? "object" : "amend", JsonSerializer.Serialize(new { state = stateCode, kind = kind.ToString(), text }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateException or ConflictException)
        {
            // The token found the procedure changed since it was read: another State broke silence first (or the deadline
            // was stored as passed). Nothing of this request is stored; say which of the two it was.
            ForgetUnsaved();
            var stored = await db.SilenceProcedures.AsNoTracking().Where(s => s.Id == procedureId).Select(s => (SilenceStatus?)s.Status).SingleOrDefaultAsync(cancellationToken);
            if (stored is SilenceStatus.Broken or SilenceStatus.Adopted)
            {
                throw Refusal(stored == SilenceStatus.Broken ? "AlreadyBroken" : "DeadlinePassed", exception);
            }

            throw;
        }

        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == procedure.MeetingId, cancellationToken);
        return View(procedure, meeting, now);
    }

    /// <summary>The text of an objection or amendment as it would be stored, or a validation error naming "text". The page
    /// checks it before asking the delegate to confirm, with the same rule the break applies.</summary>
    public string CheckBreakText(string? text)
    {
        var errors = new ValidationCollector();
        text = FieldRules.For(db.Model).Text<SilenceBreak>(errors, "text", text, nameof(SilenceBreak.Text), multiline: true);
        if (text is null && !errors.HasErrors)
        {
            errors.Add("text", "Required");
        }

        errors.ThrowIfAny();
        return text!;
    }

    /// <summary>
    /// The procedure for its outcome letter, which exists only once the procedure has ended (adopted, or silence broken):
    /// while it is open there is no outcome to announce, and a letter saying "adopted" or "broken" would be false (409).
    /// </summary>
    public async Task<SilenceView> ClosedAsync(int procedureId, CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(procedureId, cancellationToken);
        return view.Status == SilenceStatus.Open ? throw new ConflictException("status", "SilenceStillOpen") : view;
    }

    /// <summary>Reads a procedure as of now: one past its deadline is shown adopted without anything being stored.</summary>
    public async Task<SilenceView> GetAsync(int procedureId, CancellationToken cancellationToken = default)
    {
        var procedure = await db.SilenceProcedures.AsNoTracking().Include(s => s.Breaks).SingleOrDefaultAsync(s => s.Id == procedureId, cancellationToken)
            ?? throw new NotFoundException($"Silence procedure {procedureId} does not exist.");
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == procedure.MeetingId, cancellationToken);
        return View(procedure, meeting, clock.GetUtcNow());
    }

    public async Task<IReadOnlyList<SilenceView>> ForMeetingAsync(int meetingId, CancellationToken cancellationToken = default)
    {
        // One query for the procedures and one for the meeting, whatever the number of procedures; no tracking, so a page
        // shown after a refused write never shows that write's unsaved changes.
        var procedures = await db.SilenceProcedures.AsNoTracking().Include(s => s.Breaks).Where(s => s.MeetingId == meetingId).OrderByDescending(s => s.Id).ToListAsync(cancellationToken);
        if (procedures.Count == 0)
        {
            return [];
        }

        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meetingId, cancellationToken);
        var now = clock.GetUtcNow();
        return [.. procedures.Select(p => View(p, meeting, now))];
    }

    /// <summary>Stores the close of every open procedure whose deadline has passed (the background sweep, every minute).
    /// Returns how many this call stored; those another writer stored first are not counted.</summary>
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        // Deadlines are compared here rather than in SQL: SQLite keeps them as text.
        var due = (await db.SilenceProcedures.AsNoTracking().Where(s => s.Status == SilenceStatus.Open).ToListAsync(cancellationToken)).Where(p => p.IsDue(now)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var closed = 0;
        foreach (var procedure in due)
        {
            closed += await StoreCloseAsync(procedure, now, cancellationToken) ? 1 : 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return closed;
    }

    /// <summary>
    /// Stores the close of a procedure past its deadline, inside the caller's write transaction, as one conditional UPDATE on
    /// the version that was read. Whoever stores it first (the sweep, a circulation, a late objection; in this instance or
    /// another) adds the audit entry, to be saved with the caller's next save; the others find nothing to change, so the
    /// close is stored and audited once. The transition itself stays the entity's (<see cref="SilenceProcedure.CloseIfDue"/>).
    /// </summary>
    private async Task<bool> StoreCloseAsync(SilenceProcedure procedure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var versionRead = procedure.Version;
        // A tracked copy is let go, so that a later save does not store it again against the version it was read with.
        if (db.Entry(procedure).State != EntityState.Detached)
        {
            db.Entry(procedure).State = EntityState.Detached;
        }

        if (!procedure.CloseIfDue(now))
        {
            return false;
        }

        var stored = await db.SilenceProcedures
            .Where(s => s.Id == procedure.Id && s.Version == versionRead && s.Status == SilenceStatus.Open)
            .ExecuteUpdateAsync(
                set => set.SetProperty(s => s.Status, procedure.Status).SetProperty(s => s.ClosedAt, procedure.ClosedAt).SetProperty(s => s.Version, procedure.Version),
                cancellationToken);
        if (stored == 0)
        {
            return false;
        }

        Audit(procedure, "system:clock", "close", null);
        return true;
    }

    /// <summary>After a refused write, the context drops what it had not stored (the new rows, their audit entries), so
    /// that nothing of the refused request can be saved later by a save on the same context.</summary>
    private void ForgetUnsaved() => db.ChangeTracker.Clear();

    /// <summary>A second circulation while one is open: a conflict with what is stored (409), not a malformed request.</summary>
    private static ConflictException AlreadyOpen(Exception? cause) =>
        cause is null ? new ConflictException("draftSymbol", "ProcedureAlreadyOpen") : new ConflictException("draftSymbol", "ProcedureAlreadyOpen", cause);

    /// <summary>Silence already broken is a second attempt at the same change (409); a deadline passed is a refusal of the
    /// request itself (400), as it was before any race.</summary>
    private static ValidationFailedException Refusal(string code, Exception cause) =>
        code == "AlreadyBroken" ? new ConflictException("text", code, cause) : new ValidationFailedException([new ValidationError("text", code)]);

    private void Audit(SilenceProcedure procedure, string actor, string action, string? detail) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, action, nameof(SilenceProcedure), procedure.Id.ToString(CultureInfo.InvariantCulture), null,
            detail ?? JsonSerializer.Serialize(new { draft = procedure.DraftSymbol, deadline = procedure.Deadline, status = procedure.Status.ToString() })));

    /// <summary>The procedure as of <paramref name="now"/>: status and closing time computed from the clock, not as stored.</summary>
    private static SilenceView View(SilenceProcedure p, Meeting meeting, DateTimeOffset now) =>
        new(p.Id, p.MeetingId, p.DraftSymbol, p.CirculatedAt, p.Deadline, meeting.Local(p.Deadline), p.StatusAt(now), p.ClosedAtAsOf(now),
            [.. p.Breaks.OrderBy(b => b.At).Select(b => new SilenceBreakView(b.StateCode, b.Kind, b.Text, b.At))]);
}
