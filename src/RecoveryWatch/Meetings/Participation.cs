using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Meetings;

public sealed record RegisterParticipantRequest
{
    public string? State { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public AttendanceMode Mode { get; init; }
}

public sealed record ParticipantView(int Id, string State, string Name, string? Email, AttendanceMode Mode, DateTimeOffset RegisteredAt);

/// <summary>Delegations register their members for a meeting, in person or online; the Secretariat reads the lists.</summary>
public sealed class Participation(RecoveryWatchDbContext db, TimeProvider clock)
{
    /// <param name="allowedStates">The States the registering user acts for; null for the Secretariat (any State).</param>
    public async Task<ParticipantView> RegisterAsync(int meetingId, RegisterParticipantRequest request, IReadOnlyCollection<string>? allowedStates, string actor, CancellationToken cancellationToken = default)
    {
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId, cancellationToken))
        {
            throw new NotFoundException($"Meeting {meetingId} does not exist.");
        }

        var errors = new ValidationCollector();
        var fields = FieldRules.For(db.Model);
        var state = fields.Text<Participant>(errors, "state", request.State, nameof(Participant.StateCode));
        if (state is null && !errors.HasErrors)
        {
            errors.Add("state", "Required");
        }
        else if (state is not null && allowedStates is not null && !allowedStates.Contains(state))
        {
            errors.Add("state", "NotYourState", state);
        }

        var name = fields.Text<Participant>(errors, "name", request.Name, nameof(Participant.Name));
        if (name is null && !errors.Errors.Any(e => e.Field == "name"))
        {
            errors.Add("name", "Required");
        }

        var email = fields.Text<Participant>(errors, "email", request.Email, nameof(Participant.Email));
        if (email is not null && !EmailAddresses.IsValid(email))
        {
            errors.Add("email", "InvalidEmail");
        }

        errors.ThrowIfAny();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var participant = new Participant(meetingId, state!, name!, email, request.Mode, actor, now);
        db.Participants.Add(participant);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(now, actor, "register", nameof(Participant), participant.Id.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(new { meetingId, state, name, mode = request.Mode.ToString() })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return View(participant);
    }

    public async Task<IReadOnlyList<ParticipantView>> ListAsync(int meetingId, IReadOnlyCollection<string>? states, CancellationToken cancellationToken = default)
    {
        var query = db.Participants.AsNoTracking().Where(p => p.MeetingId == meetingId);
        if (states is not null)
        {
            query = query.Where(p => states.Contains(p.StateCode));
        }

        var list = await query.OrderBy(p => p.StateCode).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        return [.. list.Select(View)];
    }

    private static ParticipantView View(Participant p) => new(p.Id, p.StateCode, p.Name, p.Email, p.Mode, p.RegisteredAt);
}
