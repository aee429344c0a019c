using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

public sealed record CreateRoundRequest
{
    public string? Code { get; init; }
    public string? Title { get; init; }
    public string? Mandate { get; init; }
    public DateOnly PeriodFrom { get; init; }
    public DateOnly PeriodTo { get; init; }
    public DateTimeOffset Deadline { get; init; }

    /// <summary>ISO 3166-1 alpha-3 codes; a null item (possible in JSON) is refused at its index.</summary>
    public List<string?> States { get; init; } = [];
}

/// <param name="Version">The round's concurrency token: send it back with an edit; an edit from an older read is a 409.</param>
public sealed record RoundView(int Id, string Code, string Title, string Mandate, DateOnly PeriodFrom, DateOnly PeriodTo, DateTimeOffset Deadline, int QuestionnaireVersion,
    IReadOnlyList<RoundStateView> States, int Version);

/// <summary>
/// An edit of a round, shaped as <see cref="RoundView"/> so that what GET returns can be PUT back unchanged (and then
/// changes nothing). The id and code name the round and cannot change; each State's status, date, latest answer and
/// overdue flag are read-only (the State's answers set them) and are ignored.
/// </summary>
public sealed record EditRoundRequest
{
    public int? Id { get; init; }
    public string? Code { get; init; }
    public string? Title { get; init; }
    public string? Mandate { get; init; }
    public DateOnly PeriodFrom { get; init; }
    public DateOnly PeriodTo { get; init; }
    public DateTimeOffset Deadline { get; init; }
    public int QuestionnaireVersion { get; init; }
    public List<EditRoundState?> States { get; init; } = [];

    /// <summary>The version read; required, so that an edit cannot silently overwrite a change made since.</summary>
    public int? Version { get; init; }
}

/// <summary>A State asked, as <see cref="RoundStateView"/>; only <see cref="State"/> is read.</summary>
public sealed record EditRoundState
{
    public string? State { get; init; }
    public RoundStateStatus? Status { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public int? LatestSubmission { get; init; }
    public bool? Overdue { get; init; }
}

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

        var (title, states) = CheckRoundFields(errors, request.Title, request.PeriodFrom, request.PeriodTo, request.Deadline, request.States);
        var mandate = fields.Text<InformationRound>(errors, "mandate", request.Mandate, nameof(InformationRound.Mandate)) ?? "resolution 8/9";
        errors.ThrowIfAny();

        // One round per code. A code already taken is a conflict with what is stored (409 on `code`), whether this look-up
        // finds it or, when another request (or app instance) takes the code between the look-up and the insert, the unique
        // index on Rounds.Code refuses the second copy: the same answer either way, never a 500.
        if (await db.Rounds.AnyAsync(r => r.Code == code, cancellationToken))
        {
            throw new ConflictException("code", "RoundCodeTaken", code);
        }

        var round = new InformationRound(code, LocalizedText.Of(title), mandate, request.PeriodFrom, request.PeriodTo, request.Deadline, Questionnaire.Version);
        round.Ask(states);
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
                    IsOverdue(s.Status, round.Deadline, clock.GetUtcNow())))],
            round.Version);

    /// <summary>
    /// Edits a round: its title (in the language it is read in), mandate, period, deadline, questionnaire version and the
    /// States asked. A State that has answered (anything sent or saved, or a status beyond "not started") stays asked: its
    /// answer belongs to the round. The questionnaire and the period change only while no State has answered, since an
    /// answer was given to that questionnaire for that period. An edit that changes nothing writes nothing.
    /// </summary>
    /// <param name="language">The language the title was read in: the edit replaces the title shown in that language.</param>
    /// <returns>The round after the edit, and whether anything changed.</returns>
    public async Task<(RoundView Round, bool Changed)> UpdateAsync(int id, EditRoundRequest request, string language, string actor, CancellationToken cancellationToken = default)
    {
        var round = await db.Rounds.Include(r => r.States).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Round {id} does not exist.");
        var errors = new ValidationCollector();
        if (request.Id is { } given && given != id)
        {
            errors.Add("id", "ReadOnlyField");
        }

        if (request.Code is not null && request.Code != round.Code)
        {
            errors.Add("code", "ReadOnlyField");
        }

        if (request.Version is null)
        {
            errors.Add("version", "Required");
        }

        var (title, states) = CheckRoundFields(errors, request.Title, request.PeriodFrom, request.PeriodTo, request.Deadline, request.States.Select(s => s?.State).ToList());
        var mandate = FieldRules.For(db.Model).Text<InformationRound>(errors, "mandate", request.Mandate, nameof(InformationRound.Mandate)) ?? round.Mandate;
        if (request.QuestionnaireVersion < 1 || request.QuestionnaireVersion > Questionnaire.Version)
        {
            errors.Add("questionnaireVersion", "UnknownQuestionnaireVersion", request.QuestionnaireVersion);
        }

        errors.ThrowIfAny();
        if (request.Version != round.Version)
        {
            throw new ConflictException("version", "ConcurrentChange");
        }

        // What the request changes, against what is stored; the rules below concern only real changes, so that a GET
        // sent back unchanged passes whatever the States have done meanwhile.
        var shown = round.Title.Has(Languages.Normalize(language)) ? Languages.Normalize(language)
            : round.Title.Has(Languages.Default) ? Languages.Default : round.Title.Languages.FirstOrDefault() ?? Languages.Default;
        var newTitle = round.Title.Get(shown) == title ? round.Title
            : new LocalizedText(round.Title.Texts.Where(t => t.Key != shown).Append(new KeyValuePair<string, string>(shown, title)));
        var removed = round.States.Where(s => !states.Contains(s.StateCode)).Select(s => s.StateCode).ToList();
        var answered = await AnsweredAsync(round, cancellationToken);
        var conflicts = new List<ValidationError>();
        foreach (var code in removed.Where(answered.Contains))
        {
            conflicts.Add(new ValidationError("states", "StateHasAnswered", code));
        }

        if (answered.Count > 0 && request.QuestionnaireVersion != round.QuestionnaireVersion)
        {
            conflicts.Add(new ValidationError("questionnaireVersion", "RoundAlreadyAnswered"));
        }

        if (answered.Count > 0 && (request.PeriodFrom != round.PeriodFrom || request.PeriodTo != round.PeriodTo))
        {
            conflicts.Add(new ValidationError("periodTo", "RoundAlreadyAnswered"));
        }

        if (conflicts.Count > 0)
        {
            // A conflict with what is stored (409), each reason under its field.
            throw new ConflictException(conflicts);
        }

        var before = Snapshot(round);
        round.Revise(newTitle, mandate, request.PeriodFrom, request.PeriodTo, request.Deadline, request.QuestionnaireVersion, states);
        var after = Snapshot(round);
        if (before == after)
        {
            db.ChangeTracker.Clear();
            return (await GetAsync(id, null, language, cancellationToken), false);
        }

        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            // The round's version is a concurrency token: a second edit from the same read, in this or another app instance,
            // updates no row and is refused as a conflict (409), as is a State's status changed under a removal.
            await db.SaveChangesAsync(cancellationToken);
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "update", nameof(InformationRound), id.ToString(CultureInfo.InvariantCulture), before, after));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        return (await GetAsync(id, null, language, cancellationToken), true);
    }

    /// <summary>
    /// The fields a round is created and edited with, checked by one rule for both: the title (stored in the six languages
    /// together as LocalizedText, each held to a case title's length), the period, the deadline and the States asked
    /// (ISO 3166-1 alpha-3, read in any case and without surrounding spaces, each counted once).
    /// </summary>
    private static (string Title, List<string> States) CheckRoundFields(ValidationCollector errors, string? titleInput, DateOnly periodFrom, DateOnly periodTo,
        DateTimeOffset deadline, List<string?> stateInputs)
    {
        var refusal = TextInput.Normalize(titleInput, multiline: false, out var title);
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

        if (periodTo < periodFrom || periodFrom == default)
        {
            errors.Add("periodTo", "PeriodInvalid");
        }

        if (deadline == default)
        {
            errors.Add("deadline", "Required");
        }

        var states = new List<string>();
        for (var i = 0; i < stateInputs.Count; i++)
        {
            var code = stateInputs[i]?.Trim().ToUpperInvariant();
            if (code is null)
            {
                errors.Add($"states[{i}]", "NullItem");
            }
            else if (!StateCode.IsKnown(code))
            {
                errors.Add($"states[{i}]", "UnknownState", code);
            }
            else if (!states.Contains(code))
            {
                states.Add(code);
            }
        }

        if (stateInputs.Count == 0)
        {
            errors.Add("states", "AtLeastOneState");
        }

        return (title ?? string.Empty, states);
    }

    /// <summary>The States of the round that have answered or begun to: a status beyond "not started", a submission of
    /// any status, or an online draft.</summary>
    public async Task<HashSet<string>> AnsweredAsync(InformationRound round, CancellationToken cancellationToken)
    {
        var id = round.Id;
        var sent = await db.Submissions.AsNoTracking().Where(s => s.RoundId == id).Select(s => s.StateCode).ToListAsync(cancellationToken);
        var drafts = await db.Set<SubmissionDraft>().AsNoTracking().Where(d => d.RoundId == id).Select(d => d.StateCode).ToListAsync(cancellationToken);
        return [.. round.States.Where(s => s.Status != RoundStateStatus.NotStarted).Select(s => s.StateCode).Concat(sent).Concat(drafts)];
    }

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>What an edit may change, as the audit history shows it before and after.</summary>
    private static string Snapshot(InformationRound round) => JsonSerializer.Serialize(new
    {
        round.Code,
        Title = round.Title.Texts,
        round.Mandate,
        round.PeriodFrom,
        round.PeriodTo,
        round.Deadline,
        round.QuestionnaireVersion,
        States = round.States.Select(s => s.StateCode).Order(StringComparer.Ordinal).ToList(),
    }, SnapshotJson);
}
