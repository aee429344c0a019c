using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Data;

namespace RecoveryWatch.Collection;

/// <summary>The online form's content: the same columns as the workbook, as rows of text.</summary>
public sealed record OnlineAnswerForm
{
    public List<OnlineCaseRow> Cases { get; init; } = [];
    public List<OnlineMeasureRow> Measures { get; init; } = [];

    public bool IsBlank(OnlineCaseRow row) => string.IsNullOrWhiteSpace(row.Reference) && string.IsNullOrWhiteSpace(row.Title);

    public bool IsBlank(OnlineMeasureRow row) => string.IsNullOrWhiteSpace(row.CaseReference) && string.IsNullOrWhiteSpace(row.Amount);
}

public sealed record OnlineCaseRow
{
    public string? CaseKey { get; init; }
    public string? Reference { get; init; }
    public string? Title { get; init; }
    public string? CounterpartState { get; init; }
    public string? Role { get; init; }
    public string? Offences { get; init; }
    public string? Routes { get; init; }
    public string? Summary { get; init; }
}

public sealed record OnlineMeasureRow
{
    public string? CaseReference { get; init; }
    public string? Stage { get; init; }
    public string? AssetType { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public string? Date { get; init; }
    public string? Note { get; init; }
    public string? ExcessReason { get; init; }
}

/// <summary>A draft of an online answer, saved as the focal point goes and resumed later (one per State and round).</summary>
public sealed class SubmissionDraft
{
    public SubmissionDraft(int roundId, string stateCode, string content, string savedBy, DateTimeOffset savedAt)
    {
        RoundId = roundId;
        StateCode = stateCode;
        Content = content;
        SavedBy = savedBy;
        SavedAt = savedAt;
    }

    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public string StateCode { get; private set; }
    public string Content { get; private set; }
    public string SavedBy { get; private set; }
    public DateTimeOffset SavedAt { get; private set; }

    public void Update(string content, string by, DateTimeOffset at)
    {
        Content = content;
        SavedBy = by;
        SavedAt = at;
    }
}

/// <summary>
/// The online form for States that prefer the browser to Excel: drafts are saved without checks; submitting runs exactly
/// the checks and storage of the workbook import, rows numbered as in the workbook (data from row 3).
/// </summary>
public sealed class OnlineAnswer(RecoveryWatchDbContext db, ImportSubmission import, TimeProvider clock)
{
    public async Task<OnlineAnswerForm?> LoadDraftAsync(int roundId, string state, CancellationToken cancellationToken = default)
    {
        var draft = await db.Set<SubmissionDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.RoundId == roundId && d.StateCode == state, cancellationToken);
        return draft is null ? null : JsonSerializer.Deserialize<OnlineAnswerForm>(draft.Content);
    }

    /// <summary>
    /// Saves the draft in one transaction that reads the draft and the State's round status after taking the write lock.
    /// Two saves at once (two tabs, a double click) are serialised by the database: the later one overwrites the earlier,
    /// as saving a draft does; if they still collide (the first draft of a State inserted twice on two app instances), the
    /// unique index or the version token refuses the second with a 409 that asks to save again, never a 500.
    /// </summary>
    public async Task SaveDraftAsync(int roundId, string state, OnlineAnswerForm form, string actor, CancellationToken cancellationToken = default)
    {
        if (!await db.Rounds.AnyAsync(r => r.Id == roundId, cancellationToken))
        {
            throw new Common.NotFoundException($"Round {roundId} does not exist.");
        }

        CheckDraft(form);
        var content = JsonSerializer.Serialize(Compact(form));
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var roundState = await db.Set<RoundState>().SingleOrDefaultAsync(s => s.RoundId == roundId && s.StateCode == state, cancellationToken)
            ?? throw new Common.ValidationFailedException([new Common.ValidationError("state", "NotAskedInRound", state)]);
        var draft = await db.Set<SubmissionDraft>().SingleOrDefaultAsync(d => d.RoundId == roundId && d.StateCode == state, cancellationToken);
        if (draft is null)
        {
            db.Add(new SubmissionDraft(roundId, state, content, actor, now));
        }
        else
        {
            draft.Update(content, actor, now);
        }

        if (roundState.Status is RoundStateStatus.NotStarted)
        {
            roundState.Set(RoundStateStatus.Draft, now);
        }

        db.AuditEntries.Add(new AuditEntry(now, actor, "save-draft", nameof(SubmissionDraft), $"{roundId.ToString(CultureInfo.InvariantCulture)}/{state}", null, null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Submits the form through the import's checks and storage; the draft is removed in the same transaction.</summary>
    public Task<SubmissionSummary> SubmitAsync(int roundId, string state, OnlineAnswerForm form, string actor, Replacement? replace = null, CancellationToken cancellationToken = default)
    {
        // Empty (null) rows would not even reach the checks; every other problem is reported at its cell by the parser.
        if (form.Cases.Any(c => c is null) || form.Measures.Any(m => m is null))
        {
            CheckDraft(form);
        }

        return import.HandleRowsAsync(roundId, state, Sheets(Compact(form)), actor, replace, cancellationToken);
    }

    /// <summary>
    /// A draft is saved without the answer's checks (it may be half-filled), but what cannot be stored at all is refused
    /// even there: an empty (null) row, and text with control characters (NUL and the like), which PostgreSQL refuses.
    /// </summary>
    private static void CheckDraft(OnlineAnswerForm form)
    {
        var errors = new Common.ValidationCollector();
        void Rows<T>(string name, IReadOnlyList<T?> rows)
            where T : class
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] is not { } row)
                {
                    errors.Add($"{name}[{i}]", "NullItem");
                    continue;
                }

                foreach (var property in typeof(T).GetProperties().Where(p => p.PropertyType == typeof(string)))
                {
                    if (Common.TextInput.Normalize((string?)property.GetValue(row), multiline: true, out _) is { } refusal)
                    {
                        errors.Add($"{name}[{i}].{char.ToLowerInvariant(property.Name[0])}{property.Name[1..]}", refusal);
                    }
                }
            }
        }

        Rows("cases", form.Cases);
        Rows("measures", form.Measures);
        errors.ThrowIfAny();
    }

    /// <summary>The form's rows, blank ones dropped, as the workbook's sheets (header keys in row 1, data from row 3).</summary>
    public static Dictionary<string, List<SheetRow>> Sheets(OnlineAnswerForm form)
    {
        static SheetRow Header(IReadOnlyList<string> keys) => new(1, keys.Select((k, i) => (k, i)).ToDictionary(x => Questionnaire.Column(x.i), x => x.k));
        static SheetRow Row(int index, params string?[] values) => new(Questionnaire.FirstDataRow + index,
            values.Select((v, i) => (v, i)).Where(x => !string.IsNullOrWhiteSpace(x.v)).ToDictionary(x => Questionnaire.Column(x.i), x => x.v!));
        return new Dictionary<string, List<SheetRow>>(StringComparer.Ordinal)
        {
            [Questionnaire.CasesSheet] = [Header(Questionnaire.CaseColumns), .. form.Cases.Select((c, i) => Row(i, c.CaseKey, c.Reference, c.Title, c.CounterpartState, c.Role, c.Offences, c.Routes, c.Summary))],
            [Questionnaire.MeasuresSheet] = [Header(Questionnaire.MeasureColumns), .. form.Measures.Select((m, i) => Row(i, m.CaseReference, m.Stage, m.AssetType, m.Amount, m.Currency, m.Date, m.Note, m.ExcessReason))],
        };
    }

    public static OnlineAnswerForm Compact(OnlineAnswerForm form) => form with
    {
        Cases = [.. form.Cases.Where(c => !form.IsBlank(c))],
        Measures = [.. form.Measures.Where(m => !form.IsBlank(m))],
    };
}
