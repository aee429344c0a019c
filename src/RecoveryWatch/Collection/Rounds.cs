using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Collection;

public sealed record CreateRoundRequest
{
    public string? Code { get; init; }
    public string? Title { get; init; }
    public string? Mandate { get; init; }
    public DateOnly PeriodFrom { get; init; }
    public DateOnly PeriodTo { get; init; }
    public DateTimeOffset Deadline { get; init; }
    public List<string> States { get; init; } = [];
}

public sealed record RoundView(int Id, string Code, string Title, string Mandate, DateOnly PeriodFrom, DateOnly PeriodTo, DateTimeOffset Deadline, int QuestionnaireVersion,
    IReadOnlyList<RoundStateView> States);

/// <param name="Overdue">The deadline has passed and the State has sent no answer still waiting for review or validated
/// (not started, a draft, or a clarification asked and not yet answered): the Secretariat's reminders go to these.</param>
public sealed record RoundStateView(string State, RoundStateStatus Status, DateTimeOffset? UpdatedAt, int? LatestSubmission, bool Overdue);

/// <summary>Information requests: created by administrators, read by everyone signed in (a State sees its own line).</summary>
public sealed class Rounds(RecoveryWatchDbContext db, TimeProvider clock)
{
    public async Task<RoundView> CreateAsync(CreateRoundRequest request, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationCollector();
        var fields = FieldRules.For(db.Model);
        var code = fields.Text<InformationRound>(errors, "code", request.Code, nameof(InformationRound.Code)) ?? string.Empty;
        if (code.Length == 0 && !errors.HasErrors)
        {
            errors.Add("code", "Required");
        }

        // The title is stored in the six languages together (LocalizedText); each one is held to a case title's length.
        var refusal = TextInput.Normalize(request.Title, multiline: false, out var title);
        if (refusal is not null)
        {
            errors.Add("title", refusal);
        }
        else if (string.IsNullOrEmpty(title))
        {
            errors.Add("title", "Required");
        }
        else if (title.Length > Cases.CaseLimits.TitleLength)
        {
            errors.Add("title", "TooLong", Cases.CaseLimits.TitleLength);
        }

        var mandate = fields.Text<InformationRound>(errors, "mandate", request.Mandate, nameof(InformationRound.Mandate)) ?? "resolution 8/9";

        if (request.PeriodTo < request.PeriodFrom || request.PeriodFrom == default)
        {
            errors.Add("periodTo", "PeriodInvalid");
        }

        for (var i = 0; i < request.States.Count; i++)
        {
            if (request.States[i] is null)
            {
                errors.Add($"states[{i}]", "NullItem");
            }
            else if (!StateCode.IsKnown(request.States[i]))
            {
                errors.Add($"states[{i}]", "UnknownState", request.States[i]);
            }
        }

        if (request.States.Count == 0)
        {
            errors.Add("states", "AtLeastOneState");
        }

        errors.ThrowIfAny();

        // One round per code. A code already taken is a conflict with what is stored (409 on `code`), whether this look-up
        // finds it or, when another request (or app instance) takes the code between the look-up and the insert, the unique
        // index on Rounds.Code refuses the second copy: the same answer either way, never a 500.
        if (await db.Rounds.AnyAsync(r => r.Code == code, cancellationToken))
        {
            throw new ConflictException("code", "RoundCodeTaken", code);
        }

        var round = new InformationRound(code, LocalizedText.Of(title!), mandate, request.PeriodFrom, request.PeriodTo, request.Deadline, Questionnaire.Version);
        round.Ask(request.States.Distinct());
        try
        {
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            db.Rounds.Add(round);
            await db.SaveChangesAsync(cancellationToken);
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "create", nameof(InformationRound), round.Id.ToString(CultureInfo.InvariantCulture), null, JsonSerializer.Serialize(request)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateException or ConflictException)
        {
            // Rolled back, and dropped from the context so that no later save stores it. The code is looked up again after the
            // refusal, which tells whether the code was taken whatever the engine said, so both engines give the same answer.
            db.ChangeTracker.Clear();
            if (await db.Rounds.AnyAsync(r => r.Code == code, cancellationToken))
            {
                throw new ConflictException("code", "RoundCodeTaken", code);
            }

            throw;
        }

        return await GetAsync(round.Id, null, "en", cancellationToken);
    }

    public async Task<IReadOnlyList<RoundView>> ListAsync(IReadOnlyCollection<string>? states, string language, CancellationToken cancellationToken = default)
    {
        // Two queries for the whole list, not two per round.
        var rounds = await db.Rounds.AsNoTracking().Include(r => r.States).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        var latest = await db.Submissions.AsNoTracking().Where(s => s.Status != SubmissionStatus.Superseded)
            .Select(s => new LatestSubmission(s.Id, s.RoundId, s.StateCode)).ToListAsync(cancellationToken);
        var latestByRound = latest.ToLookup(l => l.RoundId);
        return [.. rounds.Select(r => View(r, latestByRound[r.Id], states, language))];
    }

    /// <param name="states">The reader's States (a focal point sees only its own lines); null for the Secretariat.</param>
    public async Task<RoundView> GetAsync(int id, IReadOnlyCollection<string>? states, string language, CancellationToken cancellationToken = default)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.States).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Round {id} does not exist.");
        var latest = await db.Submissions.AsNoTracking().Where(s => s.RoundId == id && s.Status != SubmissionStatus.Superseded)
            .Select(s => new LatestSubmission(s.Id, s.RoundId, s.StateCode)).ToListAsync(cancellationToken);
        return View(round, latest, states, language);
    }

    private sealed record LatestSubmission(int Id, int RoundId, string StateCode);

    /// <summary>Whether a State's answer is overdue: past the deadline with nothing sent that the Secretariat can act on.</summary>
    public static bool IsOverdue(RoundStateStatus status, DateTimeOffset deadline, DateTimeOffset now) =>
        now > deadline && status is RoundStateStatus.NotStarted or RoundStateStatus.Draft or RoundStateStatus.ClarificationRequested;

    private RoundView View(InformationRound round, IEnumerable<LatestSubmission> latest, IReadOnlyCollection<string>? states, string language) =>
        new(round.Id, round.Code, round.Title.Get(language), round.Mandate, round.PeriodFrom, round.PeriodTo, round.Deadline, round.QuestionnaireVersion,
            [.. round.States.Where(s => states is null || states.Contains(s.StateCode)).OrderBy(s => s.StateCode, StringComparer.Ordinal)
                .Select(s => new RoundStateView(s.StateCode, s.Status, s.UpdatedAt, latest.Where(l => l.StateCode == s.StateCode).Select(l => (int?)l.Id).Max(),
                    IsOverdue(s.Status, round.Deadline, clock.GetUtcNow())))]);
}
