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
    public async Task AdoptAsync(int meetingId, string actor, CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken) ?? throw new NotFoundException($"Meeting {meetingId} does not exist.");
        try
        {
            meeting.AdoptAgenda(clock.GetUtcNow());
        }
        catch (InvalidOperationException exception)
        {
            throw new ValidationFailedException([new ValidationError("agendaStatus", exception.Message)]);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "adopt-agenda", nameof(Meeting), meetingId.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { status = nameof(AgendaStatus.Provisional) }), JsonSerializer.Serialize(new { status = nameof(AgendaStatus.Adopted) })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task AmendAsync(int meetingId, string? text, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ValidationFailedException([new ValidationError("text", "Required")]);
        }

        if (text.Length > 8000)
        {
            throw new ValidationFailedException([new ValidationError("text", "TooLong", 8000)]);
        }

        var meeting = await db.Meetings.Include(m => m.Amendments).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException($"Meeting {meetingId} does not exist.");
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var amendment = meeting.Amend(text.Trim(), actor, clock.GetUtcNow());
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "amend-agenda", nameof(Meeting), meetingId.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(new { amendment.Text, status = amendment.AgendaStatusAtTheTime.ToString() })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
