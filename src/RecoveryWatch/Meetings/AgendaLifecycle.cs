using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Meetings;

/// <summary>Adopting the provisional agenda and recording amendments to it (the Secretariat, on the meeting's decision).</summary>
public sealed class AgendaLifecycle(RecoveryWatchDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The agenda is adopted once (agenda item 1 (b)). The rule is the entity's; which request adopts is decided by the
    /// database: only the UPDATE that still finds the agenda provisional changes it, so two clicks, or two app instances, cannot
    /// both adopt it (nor both audit it). The other gets a 409.
    /// </summary>
    public async Task AdoptAsync(int meetingId, string actor, CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken) ?? throw new NotFoundException($"Meeting {meetingId} does not exist.");
        try
        {
            meeting.AdoptAgenda(clock.GetUtcNow());
        }
        catch (InvalidOperationException exception)
        {
            throw new ConflictException("agendaStatus", exception.Message, exception);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var adopted = await db.Meetings
            .Where(m => m.Id == meetingId && m.AgendaStatus == AgendaStatus.Provisional)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.AgendaStatus, meeting.AgendaStatus).SetProperty(m => m.AgendaAdoptedAt, meeting.AgendaAdoptedAt), cancellationToken);
        if (adopted == 0)
        {
            throw new ConflictException("agendaStatus", "AgendaAlreadyAdopted");
        }

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "adopt-agenda", nameof(Meeting), meetingId.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { status = nameof(AgendaStatus.Provisional) }), JsonSerializer.Serialize(new { status = nameof(AgendaStatus.Adopted) })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task AmendAsync(int meetingId, string? text, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationCollector();
        text = FieldRules.For(db.Model).Text<AgendaAmendment>(errors, "text", text, nameof(AgendaAmendment.Text), multiline: true);
        if (text is null && !errors.HasErrors)
        {
            errors.Add("text", "Required");
        }

        errors.ThrowIfAny();

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        // An amendment records whether the agenda was still provisional or already adopted. That status is read under the
        // write: this UPDATE, which changes nothing, holds the meeting's row until commit (the whole database on SQLite), so an
        // adoption in flight has either committed before (the amendment says Adopted) or waits for this one (Provisional).
        if (await db.Meetings.Where(m => m.Id == meetingId).ExecuteUpdateAsync(set => set.SetProperty(m => m.AgendaStatus, m => m.AgendaStatus), cancellationToken) == 0)
        {
            throw new NotFoundException($"Meeting {meetingId} does not exist.");
        }

        // Without the earlier amendments: the new one is added to the collection and inserted on its own.
        var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId, cancellationToken);
        var amendment = meeting.Amend(text!, actor, clock.GetUtcNow());
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "amend-agenda", nameof(Meeting), meetingId.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(new { amendment.Text, status = amendment.AgendaStatusAtTheTime.ToString() })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
