using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Identity;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

/// <summary>
/// A reminder the Secretariat sent a State about an information request, kept with what was sent: to whom (the State's
/// focal points' addresses at the time), when, by whom, and the text in the language it was written in.
/// </summary>
public sealed class RoundReminder
{
    public const int RecipientsLength = 2000;
    public const int SubjectLength = 300;
    public const int BodyLength = 4000;

    public RoundReminder(int roundId, string stateCode, DateTimeOffset sentAt, string sentBy, IEnumerable<string> recipients, string language, string subject, string body)
    {
        RoundId = roundId;
        StateCode = stateCode;
        SentAt = sentAt;
        Day = DateOnly.FromDateTime(sentAt.UtcDateTime);
        SentBy = sentBy;
        Recipients = Join(recipients);
        Language = language;
        Subject = subject;
        Body = body;
    }

    private RoundReminder()
    {
        StateCode = SentBy = Recipients = Language = Subject = Body = string.Empty;
    }

    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public string StateCode { get; private set; }

    /// <summary>The addresses that fit the column, whole (a State with dozens of focal points keeps the first ones, in order,
    /// rather than a cut address).</summary>
    private static string Join(IEnumerable<string> recipients)
    {
        var kept = new List<string>();
        foreach (var address in recipients)
        {
            if (string.Join("; ", kept.Append(address)).Length > RecipientsLength)
            {
                break;
            }

            kept.Add(address);
        }

        return string.Join("; ", kept);
    }

    /// <summary>The day (UTC) it was sent: one reminder per State and round a day.</summary>
    public DateOnly Day { get; private set; }

    public DateTimeOffset SentAt { get; private set; }
    public string SentBy { get; private set; }

    /// <summary>The addresses, separated by "; ".</summary>
    public string Recipients { get; private set; }

    public string Language { get; private set; }
    public string Subject { get; private set; }
    public string Body { get; private set; }
}

/// <summary>The text of a reminder, written in <see cref="Language"/>.</summary>
public sealed record ReminderMessage(string Language, string Subject, string Body);

/// <summary>What a reminder says: the host writes it from its resources in the recipient's language.</summary>
public interface IReminderText
{
    ReminderMessage Compose(string language, string stateCode, string roundCode, string roundTitle, DateTimeOffset deadline, int roundId);
}

/// <summary>
/// Delivers a reminder to its recipients. The application sends no e-mail itself: the default writes it to the server log
/// for the operators, as account links are; a host with a mail service registers its own implementation instead.
/// It is called after the reminder is stored, once per reminder stored.
/// </summary>
public interface IReminderSender
{
    Task SendAsync(ReminderView reminder, CancellationToken cancellationToken);
}

public sealed record ReminderView(int Id, int RoundId, string State, DateTimeOffset SentAt, string SentBy, IReadOnlyList<string> Recipients, string Language, string Subject, string Body);

/// <param name="States">The States to remind; empty or absent: every State asked that is overdue.</param>
public sealed record SendRemindersRequest
{
    public List<string?>? States { get; init; }
}

/// <summary>A State not reminded, and why: <c>AlreadyRemindedToday</c>, <c>NoFocalPoint</c>, <c>Answered</c>.</summary>
public sealed record ReminderSkip(string State, string Reason);

public sealed record RemindersOutcome(IReadOnlyList<ReminderView> Sent, IReadOnlyList<ReminderSkip> Skipped);

/// <summary>
/// Reminders to States that have not answered an information request (resolution 8/9 asks States to provide the
/// information; the Secretariat follows up). Each is stored with what was sent, in one transaction with its audit entry,
/// then handed to <see cref="IReminderSender"/>.
/// </summary>
public sealed class Reminders(RecoveryWatchDbContext db, TimeProvider clock, IReminderText text, IReminderSender sender)
{
    private static readonly Lazy<FrozenDictionary<string, string>> Correspondence = new(() =>
        ReferenceCatalog.ReadRows("correspondence-languages.csv").ToFrozenDictionary(r => r["code"], r => r["language"], StringComparer.Ordinal));

    /// <summary>The language the Secretariat writes to a State in (reference data, English unless listed).</summary>
    public static string LanguageOf(string stateCode) => Correspondence.Value.TryGetValue(stateCode, out var language) ? language : Languages.Default;

    public async Task<RemindersOutcome> SendAsync(int roundId, SendRemindersRequest request, string actor, CancellationToken cancellationToken = default)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.States).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new NotFoundException($"Round {roundId} does not exist.");
        var now = clock.GetUtcNow();
        var asked = round.States.ToDictionary(s => s.StateCode, StringComparer.Ordinal);
        var errors = new ValidationCollector();
        var chosen = new List<string>();
        var requested = request.States ?? [];
        for (var i = 0; i < requested.Count; i++)
        {
            var code = requested[i]?.Trim().ToUpperInvariant();
            if (code is null)
            {
                errors.Add($"states[{i}]", "NullItem");
            }
            else if (!asked.ContainsKey(code))
            {
                errors.Add($"states[{i}]", "StateNotAsked", code);
            }
            else if (!chosen.Contains(code))
            {
                chosen.Add(code);
            }
        }

        errors.ThrowIfAny();
        var skipped = new List<ReminderSkip>();
        if (requested.Count == 0)
        {
            chosen = [.. asked.Values.Where(s => Rounds.IsOverdue(s.Status, round.Deadline, now)).Select(s => s.StateCode).Order(StringComparer.Ordinal)];
        }
        else
        {
            // Chosen by hand: any State that has not answered, before the deadline too; one whose answer is with the
            // Secretariat (submitted or validated) is not reminded.
            foreach (var code in chosen.Where(c => asked[c].Status is RoundStateStatus.Submitted or RoundStateStatus.Validated).ToList())
            {
                skipped.Add(new ReminderSkip(code, "Answered"));
                chosen.Remove(code);
            }
        }

        var recipients = await FocalPointsAsync(chosen, cancellationToken);
        foreach (var code in chosen.Where(c => !recipients.ContainsKey(c)).ToList())
        {
            skipped.Add(new ReminderSkip(code, "NoFocalPoint"));
            chosen.Remove(code);
        }

        var stored = new List<RoundReminder>();
        if (chosen.Count > 0)
        {
            try
            {
                await using var transaction = await db.BeginWriteAsync(cancellationToken);
                var today = DateOnly.FromDateTime(now.UtcDateTime);
                var already = await db.Set<RoundReminder>().Where(r => r.RoundId == roundId && r.Day == today && chosen.Contains(r.StateCode))
                    .Select(r => r.StateCode).ToListAsync(cancellationToken);
                skipped.AddRange(already.Select(c => new ReminderSkip(c, "AlreadyRemindedToday")));
                foreach (var code in chosen.Except(already))
                {
                    var message = text.Compose(LanguageOf(code), code, round.Code, round.Title.Get(LanguageOf(code)), round.Deadline, roundId);
                    stored.Add(new RoundReminder(roundId, code, now, actor, recipients[code], message.Language, Fit(message.Subject, RoundReminder.SubjectLength), Fit(message.Body, RoundReminder.BodyLength)));
                }

                if (stored.Count > 0)
                {
                    db.AddRange(stored);
                    await db.SaveChangesAsync(cancellationToken);
                    db.AuditEntries.Add(new AuditEntry(now, actor, "remind", nameof(InformationRound), roundId.ToString(CultureInfo.InvariantCulture), null,
                        JsonSerializer.Serialize(stored.Select(r => new { state = r.StateCode, recipients = r.Recipients, language = r.Language, subject = r.Subject }))));
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            catch (ConflictException exception)
            {
                // Another request (a second click, another app instance) reminded one of these States today between the
                // look-up and the insert: the unique index on (round, State, day) refused this copy, and nothing of this
                // request is stored. The caller sees a conflict and, reading the list again, the reminder that was sent.
                db.ChangeTracker.Clear();
                throw new ConflictException("states", "ReminderAlreadySent", exception);
            }
        }

        db.ChangeTracker.Clear();
        var sent = stored.Select(View).ToList();
        foreach (var reminder in sent)
        {
            await sender.SendAsync(reminder, cancellationToken);
        }

        return new RemindersOutcome(sent, skipped);
    }

    public async Task<IReadOnlyList<ReminderView>> ListAsync(int roundId, CancellationToken cancellationToken = default)
    {
        if (!await db.Rounds.AnyAsync(r => r.Id == roundId, cancellationToken))
        {
            throw new NotFoundException($"Round {roundId} does not exist.");
        }

        var reminders = await db.Set<RoundReminder>().AsNoTracking().Where(r => r.RoundId == roundId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        return [.. reminders.Select(View)];
    }

    /// <summary>The enabled focal points' addresses of each State, as they are now (kept with the reminder).</summary>
    private async Task<Dictionary<string, List<string>>> FocalPointsAsync(List<string> states, CancellationToken cancellationToken)
    {
        if (states.Count == 0)
        {
            return [];
        }

        var roleIds = db.Roles.Where(r => r.Name == Roles.FocalPoint).Select(r => r.Id);
        var rows = await (
            from claim in db.UserClaims
            where claim.ClaimType == RecoveryWatchClaims.State && states.Contains(claim.ClaimValue!)
            join user in db.Users on claim.UserId equals user.Id
            where db.UserRoles.Any(ur => ur.UserId == user.Id && roleIds.Contains(ur.RoleId)) && user.Email != null
            select new { State = claim.ClaimValue!, Email = user.Email!, user.LockoutEnd }).AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.Where(r => !AppUser.IsDisabled(r.LockoutEnd, now))
            .GroupBy(r => r.State, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Email).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList(), StringComparer.Ordinal);
    }

    private static string Fit(string value, int length) => value.Length <= length ? value : value[..length];

    private static ReminderView View(RoundReminder r) =>
        new(r.Id, r.RoundId, r.StateCode, r.SentAt, r.SentBy, r.Recipients.Split("; ", StringSplitOptions.RemoveEmptyEntries), r.Language, r.Subject, r.Body);
}
