using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Collection;

/// <summary>
/// The online form's content: the workbook's sheets, each a list of rows, each row the text of its cells by column key
/// (<see cref="Questionnaire"/>). Amounts are kept as typed, in <see cref="Culture"/>, so a draft reads back as it was written.
/// </summary>
public sealed record OnlineAnswerForm
{
    /// <summary>The culture the amounts were typed in ("fr": "1 000 000,5"); null for invariant numbers (the template's).</summary>
    public string? Culture { get; init; }

    public Dictionary<string, List<Dictionary<string, string>>> Sheets { get; init; } = new(StringComparer.Ordinal);

    public List<Dictionary<string, string>> Rows(string sheet) => Sheets.TryGetValue(sheet, out var rows) ? rows : [];

    public static string Cell(IReadOnlyDictionary<string, string> row, string column) => row.TryGetValue(column, out var value) ? value : string.Empty;
}

/// <summary>One section of the online form: a sheet of the workbook with its columns in the workbook's order.</summary>
public sealed record OnlineSection(string Sheet, IReadOnlyList<string> Columns)
{
    /// <summary>The legal framework has one row per question of the profile: rows are neither added nor removed.</summary>
    public bool FixedRows => Sheet == Questionnaire.LegalFrameworkSheet;

    /// <summary>Columns the focal point does not type into: the hidden key of a known case, the question code and its text.</summary>
    public static bool IsKey(string column) => column is "case_key" or "question" or "question_text";

    /// <summary>Columns holding an amount, typed as the reader writes numbers.</summary>
    public static bool IsAmount(string column) => column is "amount" or "compensation_ordered" or "compensation_paid";

    /// <summary>Columns holding several codes at once (separated by ';' in the workbook).</summary>
    public static bool IsMultiCode(string column) => column is "offences" or "legal_routes";

    public bool IsBlank(IReadOnlyDictionary<string, string> row) =>
        Columns.Where(c => !IsKey(c)).All(c => string.IsNullOrWhiteSpace(OnlineAnswerForm.Cell(row, c)));
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
/// The online twin of the workbook: the same sheets and columns, pre-filled as the template is (the State's draft if it
/// saved one, else its known cases and validated legal framework), saved as a draft without checks, and submitted as the
/// very rows a workbook gives (data from row 3) through the import's checks and storage, so one rule is checked in one place.
/// </summary>
public sealed class OnlineAnswer(RecoveryWatchDbContext db, ImportSubmission import, SubmissionTemplate template, TimeProvider clock)
{
    /// <summary>The form's sections: the workbook's sheets in its order (Instructions and the hidden Lists aside).</summary>
    public static readonly IReadOnlyList<OnlineSection> Sections =
    [
        new(Questionnaire.CasesSheet, Questionnaire.CaseColumns),
        new(Questionnaire.MeasuresSheet, Questionnaire.MeasureColumns),
        .. Questionnaire.DetailSheets.Select(d => new OnlineSection(d.Sheet, d.Columns)),
        new(Questionnaire.LegalFrameworkSheet, Questionnaire.LegalFrameworkColumns),
    ];

    /// <summary>More rows than any State reports in a round (the workbook takes 100,000 in all): past this, posted rows are refused.</summary>
    public const int MaxRowsPerSheet = 5000;

    public static OnlineSection? Section(string sheet) => Sections.FirstOrDefault(s => s.Sheet == sheet);

    /// <summary>The form as the State left it (its draft), else as the template pre-fills it, amounts written for <paramref name="culture"/>.</summary>
    public async Task<(OnlineAnswerForm Form, bool FromDraft)> LoadAsync(int roundId, string state, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var draft = await LoadDraftAsync(roundId, state, cancellationToken);
        if (draft is not null)
        {
            return (InCulture(draft, culture), true);
        }

        var prefill = await template.PrefillAsync(state, cancellationToken);
        var rows = SubmissionTemplate.PrefilledRows(prefill, ReferenceData.Languages.Normalize(culture.Name));
        var form = new OnlineAnswerForm();
        foreach (var (sheet, data) in rows)
        {
            var columns = Section(sheet)!.Columns;
            form.Sheets[sheet] = [.. data.Select(cells => columns.Select((c, i) => (c, v: cells[i])).Where(x => x.v.Length > 0 && x.c != "question_text").ToDictionary(x => x.c, x => x.v, StringComparer.Ordinal))];
        }

        return (InCulture(form, culture), false);
    }

    public async Task<OnlineAnswerForm?> LoadDraftAsync(int roundId, string state, CancellationToken cancellationToken = default)
    {
        var draft = await db.Set<SubmissionDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.RoundId == roundId && d.StateCode == state, cancellationToken);
        if (draft is null)
        {
            return null;
        }

        // A draft saved before the form had every sheet (cases and measures as typed rows) has no "Sheets": it is set aside
        // for the template's pre-fill rather than shown half-read.
        var form = JsonSerializer.Deserialize<OnlineAnswerForm>(draft.Content);
        return form is { Sheets.Count: > 0 } ? form : null;
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
            throw new NotFoundException($"Round {roundId} does not exist.");
        }

        // Checked as stored (blank rows dropped), so an error's row is the row the form shows again.
        var compact = Compact(form);
        CheckDraft(compact);
        var content = JsonSerializer.Serialize(compact);
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var roundState = await db.Set<RoundState>().SingleOrDefaultAsync(s => s.RoundId == roundId && s.StateCode == state, cancellationToken)
            ?? throw new ValidationFailedException([new ValidationError("state", "NotAskedInRound", state)]);
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

    /// <summary>Submits the form through the import's checks and storage (amounts read in the form's culture); the draft is
    /// removed in the same transaction.</summary>
    public Task<SubmissionSummary> SubmitAsync(int roundId, string state, OnlineAnswerForm form, string actor, Replacement? replace = null, CancellationToken cancellationToken = default)
    {
        var compact = Compact(form);
        CheckDraft(compact);
        var culture = form.Culture is { Length: > 0 } name ? CultureInfo.GetCultureInfo(name) : CultureInfo.InvariantCulture;
        return import.HandleRowsAsync(roundId, state, Sheets(compact), actor, replace, culture, cancellationToken);
    }

    /// <summary>The form's field of a cell the parser reported: its section, its row in the (compacted) form and its column.</summary>
    public static (string Sheet, int Index, string Column)? FieldOf(CellError error)
    {
        if (Section(error.Sheet) is not { } section || error.Row is not { } row || row < Questionnaire.FirstDataRow || error.Column is null)
        {
            return null;
        }

        for (var i = 0; i < section.Columns.Count; i++)
        {
            if (Questionnaire.Column(i) == error.Column)
            {
                return (section.Sheet, row - Questionnaire.FirstDataRow, section.Columns[i]);
            }
        }

        return null;
    }

    /// <summary>The name of a field in the posted form and in draft errors: "Measures[0].amount".</summary>
    public static string FieldName(string sheet, int index, string column) => $"{sheet}[{index.ToString(CultureInfo.InvariantCulture)}].{column}";

    /// <summary>
    /// A draft is saved without the answer's checks (it may be half-filled), but what cannot be stored at all is refused
    /// even there: a sheet or column the questionnaire does not have, too many rows, and text with control characters (NUL
    /// and the like), which PostgreSQL refuses.
    /// </summary>
    private static void CheckDraft(OnlineAnswerForm form)
    {
        var errors = new ValidationCollector();
        foreach (var (sheet, rows) in form.Sheets)
        {
            if (Section(sheet) is not { } section)
            {
                errors.Add(sheet, "UnknownField");
                continue;
            }

            if (rows.Count > MaxRowsPerSheet)
            {
                errors.Add(sheet, "TooMany", MaxRowsPerSheet);
                continue;
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] is not { } row)
                {
                    errors.Add(FieldName(sheet, i, section.Columns[0]), "NullItem");
                    continue;
                }

                foreach (var (column, value) in row)
                {
                    if (!section.Columns.Contains(column))
                    {
                        errors.Add(FieldName(sheet, i, column), "UnknownField");
                    }
                    else if (TextInput.Normalize(value, multiline: true, out _) is { } refusal)
                    {
                        errors.Add(FieldName(sheet, i, column), refusal);
                    }
                }
            }
        }

        errors.ThrowIfAny();
    }

    /// <summary>The form's rows, blank ones dropped, as the workbook's sheets (header keys in row 1, data from row 3).</summary>
    public static Dictionary<string, List<SheetRow>> Sheets(OnlineAnswerForm form)
    {
        var sheets = new Dictionary<string, List<SheetRow>>(StringComparer.Ordinal);
        foreach (var section in Sections)
        {
            var header = new SheetRow(1, section.Columns.Select((k, i) => (k, i)).ToDictionary(x => Questionnaire.Column(x.i), x => x.k));
            sheets[section.Sheet] = [header, .. form.Rows(section.Sheet).Select((row, index) => new SheetRow(Questionnaire.FirstDataRow + index,
                section.Columns.Select((c, i) => (c, i)).Where(x => !string.IsNullOrWhiteSpace(OnlineAnswerForm.Cell(row, x.c)))
                    .ToDictionary(x => Questionnaire.Column(x.i), x => OnlineAnswerForm.Cell(row, x.c))))];
        }

        return sheets;
    }

    /// <summary>Blank rows dropped (the legal framework keeps its one row per question), cells left blank dropped.</summary>
    public static OnlineAnswerForm Compact(OnlineAnswerForm form)
    {
        var compact = new OnlineAnswerForm { Culture = form.Culture };
        foreach (var section in Sections)
        {
            var rows = form.Rows(section.Sheet).Where(r => r is not null).Select(r => r.Where(c => !string.IsNullOrWhiteSpace(c.Value) && c.Key != "question_text").ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
            compact.Sheets[section.Sheet] = section.FixedRows ? LegalRows(rows) : [.. rows.Where(r => !section.IsBlank(r))];
        }

        return compact;
    }

    /// <summary>The form with its amounts written as <paramref name="culture"/> writes numbers; an amount that cannot be read
    /// in the culture it was typed in is left as typed, for the focal point to correct.</summary>
    public static OnlineAnswerForm InCulture(OnlineAnswerForm form, CultureInfo culture)
    {
        var from = form.Culture is { Length: > 0 } name ? CultureInfo.GetCultureInfo(name) : CultureInfo.InvariantCulture;
        var converted = Compact(form) with { Culture = culture.Name };
        foreach (var row in converted.Sheets.Values.SelectMany(r => r))
        {
            foreach (var column in row.Keys.Where(OnlineSection.IsAmount).ToList())
            {
                if (LocalizedNumber.Read(row[column], from, out var value) == NumberReading.Number)
                {
                    row[column] = LocalizedNumber.Format(value, culture);
                }
            }
        }

        return converted;
    }

    /// <summary>One row per question of the legal framework profile, in its order, with what the form holds for it.</summary>
    private static List<Dictionary<string, string>> LegalRows(IEnumerable<Dictionary<string, string>> rows)
    {
        var byQuestion = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            byQuestion.TryAdd(OnlineAnswerForm.Cell(row, "question"), row);
        }

        return [.. Knowledge.LegalFrameworkQuestions.All.Select(q => byQuestion.TryGetValue(q.Code, out var row) ? row : new Dictionary<string, string>(StringComparer.Ordinal) { ["question"] = q.Code })];
    }
}
