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

/// <summary>The silence procedure's steps (circulate, object or amend, close at the deadline), each one transaction with
/// its audit entry. "Now" always comes from the clock, so tests move time by hand.</summary>
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

        var now = clock.GetUtcNow();
        if (deadline is null)
        {
            errors.Add("deadline", "Required");
        }
        else if (deadline <= now)
        {
            errors.Add("deadline", "DeadlineNotInFuture");
        }

        if (await db.SilenceProcedures.AnyAsync(s => s.MeetingId == meetingId && s.Status == SilenceStatus.Open, cancellationToken))
        {
            errors.Add("draftSymbol", "ProcedureAlreadyOpen");
        }

        errors.ThrowIfAny();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var procedure = new SilenceProcedure(meeting.Id, symbol.ToString(), now, deadline!.Value.ToUniversalTime(), actor);
        db.SilenceProcedures.Add(procedure);
        await db.SaveChangesAsync(cancellationToken);
        Audit(procedure, actor, "circulate", null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return View(procedure, meeting);
    }

    /// <summary>A delegate of a State party objects or proposes an amendment; either breaks silence.</summary>
    public async Task<SilenceView> BreakAsync(int procedureId, string stateCode, SilenceBreakKind kind, string? text, string actor, CancellationToken cancellationToken = default)
    {
        var procedure = await LoadAsync(procedureId, cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ValidationFailedException([new ValidationError("text", "Required")]);
        }

        if (text.Length > 8000)
        {
            throw new ValidationFailedException([new ValidationError("text", "TooLong", 8000)]);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (procedure.CloseIfDue(now))
        {
            Audit(procedure, "system:clock", "close", null);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            throw new ValidationFailedException([new ValidationError("text", "DeadlinePassed")]);
        }

        try
        {
            procedure.Break(stateCode, kind, text.Trim(), actor, now);
        }
        catch (InvalidOperationException exception)
        {
            throw new ValidationFailedException([new ValidationError("text", exception.Message)]);
        }

        Audit(procedure, actor, kind == SilenceBreakKind.Objection ? "object" : "amend", JsonSerializer.Serialize(new { state = stateCode, kind = kind.ToString(), text }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(procedureId, cancellationToken);
    }

    /// <summary>Reads a procedure; one whose deadline has passed is closed first (it closes itself).</summary>
    public async Task<SilenceView> GetAsync(int procedureId, CancellationToken cancellationToken = default)
    {
        var procedure = await LoadAsync(procedureId, cancellationToken);
        await CloseIfDueAsync(procedure, cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == procedure.MeetingId, cancellationToken);
        return View(procedure, meeting);
    }

    public async Task<IReadOnlyList<SilenceView>> ForMeetingAsync(int meetingId, CancellationToken cancellationToken = default)
    {
        // One query for the procedures and one for the meeting, whatever the number of procedures.
        var procedures = await db.SilenceProcedures.Include(s => s.Breaks).Where(s => s.MeetingId == meetingId).OrderByDescending(s => s.Id).ToListAsync(cancellationToken);
        if (procedures.Count == 0)
        {
            return [];
        }

        foreach (var procedure in procedures)
        {
            await CloseIfDueAsync(procedure, cancellationToken);
        }

        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meetingId, cancellationToken);
        return [.. procedures.Select(p => View(p, meeting))];
    }

    /// <summary>Closes every open procedure whose deadline has passed (called by a background sweep every minute).</summary>
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.SilenceProcedures.Where(s => s.Status == SilenceStatus.Open).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var procedure in due.Where(p => p.Deadline <= now))
        {
            closed += await CloseIfDueAsync(procedure, cancellationToken) ? 1 : 0;
        }

        return closed;
    }

    private async Task<bool> CloseIfDueAsync(SilenceProcedure procedure, CancellationToken cancellationToken)
    {
        if (!procedure.CloseIfDue(clock.GetUtcNow()))
        {
            return false;
        }

        Audit(procedure, "system:clock", "close", null);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<SilenceProcedure> LoadAsync(int procedureId, CancellationToken cancellationToken) =>
        await db.SilenceProcedures.Include(s => s.Breaks).SingleOrDefaultAsync(s => s.Id == procedureId, cancellationToken)
        ?? throw new NotFoundException($"Silence procedure {procedureId} does not exist.");

    private void Audit(SilenceProcedure procedure, string actor, string action, string? detail) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, action, nameof(SilenceProcedure), procedure.Id.ToString(CultureInfo.InvariantCulture), null,
            detail ?? JsonSerializer.Serialize(new { draft = procedure.DraftSymbol, deadline = procedure.Deadline, status = procedure.Status.ToString() })));

    private static SilenceView View(SilenceProcedure p, Meeting meeting) =>
        new(p.Id, p.MeetingId, p.DraftSymbol, p.CirculatedAt, p.Deadline, meeting.Local(p.Deadline), p.Status, p.ClosedAt,
            [.. p.Breaks.OrderBy(b => b.At).Select(b => new SilenceBreakView(b.StateCode, b.Kind, b.Text, b.At))]);
}
