using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Rounds;

/// <summary>
/// The online answer, the twin of the workbook: one section per sheet with the same columns in the same order, a drop-down
/// for every coded column (the lists the workbook's drop-downs use), pre-filled with the State's draft or else what the
/// template pre-fills, amounts as the reader writes numbers. Saved as a draft at any time; submitted as the very rows a
/// workbook gives, through the same checks, each error shown beside its field and listed at the top. Submitting over the
/// State's current answer first lists that answer and asks for a second, explicit click to replace it.
/// </summary>
[Authorize(Policy = Policies.TakePartInRounds)]
// A pre-filled answer posts a value per cell: more than the framework's default of 1,024 (the body size is capped by Kestrel).
[RequestFormLimits(ValueCountLimit = 200_000)]
public sealed partial class AnswerModel(RecoveryWatch.Collection.Rounds rounds, OnlineAnswer online, RecoveryWatchDbContext db, Api.Codebook codebook,
    Knowledge.ChallengeTaxonomy challenges, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public RoundView Round { get; private set; } = null!;

    /// <summary>The errors by field id ("Measures-0-amount"), shown beside the field.</summary>
    public Dictionary<string, List<string>> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Why nothing was stored when the rows themselves were fine (a validated answer, a change made at the same time).</summary>
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    /// <summary>The State's current answer that submitting would supersede, listed for the focal point to confirm.</summary>
    public CurrentSubmission? Confirmation { get; private set; }

    public bool Saved { get; private set; }

    /// <summary>Whether the form shows the State's saved draft (else what the template pre-fills).</summary>
    public bool FromDraft { get; private set; }

    /// <summary>The row just added by "Add a row" (its first field takes the focus).</summary>
    public (string Sheet, int Index)? Added { get; private set; }

    /// <summary>The answer the focal point agreed to supersede (the confirmation's button); only that one is superseded.</summary>
    [BindProperty]
    public int? Replaces { get; set; }

    [BindProperty(SupportsGet = true)]
    public string State { get; set; } = string.Empty;

    public OnlineAnswerForm Form { get; private set; } = new();

    /// <summary>The options of each coded column by "Sheet/column": codes with labels in the reader's language.</summary>
    public Dictionary<string, IReadOnlyList<(string Code, string Label)>> Options { get; } = new(StringComparer.Ordinal);

    public static string FieldId(string sheet, int index, string column) => $"{sheet}-{index.ToString(CultureInfo.InvariantCulture)}-{column}";

    public async Task<IActionResult> OnGetAsync(int id, bool? saved, CancellationToken cancellationToken)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        Saved = saved == true;
        if (!await LoadRoundAsync(id, cancellationToken))
        {
            return NotFound();
        }

        (Form, FromDraft) = await online.LoadAsync(id, State.ToUpperInvariant(), CultureInfo.CurrentCulture, cancellationToken);
        await PrepareAsync(cancellationToken);
        return Page();
    }

    /// <summary>"Add a row" without JavaScript: the posted form comes back, nothing saved, with one more blank row in a section.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(int id, string? addRow, CancellationToken cancellationToken)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        if (!await LoadRoundAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // The rows as posted, blank ones included (the focal point may be about to fill them), the legal framework's in order.
        Form = ReadForm();
        Form.Sheets[Questionnaire.LegalFrameworkSheet] = OnlineAnswer.Compact(Form).Sheets[Questionnaire.LegalFrameworkSheet];
        if (OnlineAnswer.Section(addRow ?? string.Empty) is { FixedRows: false } section)
        {
            if (!Form.Sheets.TryGetValue(section.Sheet, out var rows))
            {
                Form.Sheets[section.Sheet] = rows = [];
            }

            if (rows.Count < OnlineAnswer.MaxRowsPerSheet)
            {
                Added = (section.Sheet, rows.Count);
                rows.Add(new Dictionary<string, string>(StringComparer.Ordinal));
            }
        }

        await PrepareAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        Form = ReadForm();
        try
        {
            await online.SaveDraftAsync(id, State.ToUpperInvariant(), Form, User.Actor(), cancellationToken);
            return Redirect($"/rounds/{id}/answer?state={Uri.EscapeDataString(State)}&saved=true");
        }
        catch (ConflictException conflict)
        {
            Refusals = [.. conflict.Errors.Select(localizer.Message)];
        }
        catch (ValidationFailedException exception)
        {
            AddErrors(exception.Errors.Select(e => (DraftField(e.Field), localizer.Message(e))));
        }

        Form = OnlineAnswer.Compact(Form);
        return await LoadRoundAsync(id, cancellationToken) ? await PageAsync(cancellationToken) : NotFound();
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        var state = State.ToUpperInvariant();
        Form = ReadForm();
        try
        {
            var summary = await online.SubmitAsync(id, state, Form, User.Actor(), Replaces is { } confirmed ? Replacement.Of(confirmed) : null, cancellationToken);
            return Redirect($"/rounds/{id}?submitted={summary.Id}");
        }
        catch (WorkbookRejectedException rejected)
        {
            // The parser's errors carry sheet, row and column: each goes beside its field; its message is the workbook's.
            AddErrors(rejected.Errors.Select(e => (OnlineAnswer.FieldOf(e), localizer["Workbook." + e.Code, e.Arguments].Value)));
        }
        catch (ConflictException conflict) when (conflict.Errors.Any(e => e.Code is ImportSubmission.WouldSupersede or ImportSubmission.ChangedSinceConfirmed))
        {
            // The confirmation step: the rows stay in the form, the current answer is listed, and a second button replaces it.
            Confirmation = (await SubmissionQueries.CurrentAsync(db, id, state, cancellationToken)).SingleOrDefault();
            Refusals = [.. conflict.Errors.Where(e => e.Code == ImportSubmission.ChangedSinceConfirmed).Select(localizer.Message)];
        }
        catch (ConflictException conflict)
        {
            Refusals = [.. conflict.Errors.Select(localizer.Message)];
        }
        catch (ValidationFailedException exception)
        {
            AddErrors(exception.Errors.Select(e => (DraftField(e.Field), localizer.Message(e))));
        }

        // The rows as the parser numbered them (blank ones dropped), so each error stays beside the field it names.
        Form = OnlineAnswer.Compact(Form);
        return await LoadRoundAsync(id, cancellationToken) ? await PageAsync(cancellationToken) : NotFound();
    }

    /// <summary>The errors beside their fields and, for the summary at the top (the shared error summary), in ModelState under
    /// the field's id, each saying where it is; an error of no one field is listed under the empty key.</summary>
    private void AddErrors(IEnumerable<((string Sheet, int Index, string Column)? Field, string Message)> errors)
    {
        var language = Localization.CurrentLanguage;
        foreach (var (field, message) in errors)
        {
            if (field is { } f)
            {
                var fieldId = FieldId(f.Sheet, f.Index, f.Column);
                if (!FieldErrors.TryGetValue(fieldId, out var list))
                {
                    FieldErrors[fieldId] = list = [];
                }

                list.Add(message);
                ModelState.AddModelError(fieldId, localizer["Answer.ErrorAt", localizer["Answer.Sheet." + f.Sheet].Value, f.Index + 1,
                    Questionnaire.Label(f.Column, language), message].Value);
            }
            else
            {
                ModelState.AddModelError(string.Empty, message);
            }
        }
    }

    /// <summary>A draft's error field ("Measures[0].amount") as the form's field, when it names one.</summary>
    private static (string Sheet, int Index, string Column)? DraftField(string field) =>
        FieldPattern().Match(field) is { Success: true } m && OnlineAnswer.Section(m.Groups["sheet"].Value) is { } section && section.Columns.Contains(m.Groups["column"].Value)
            ? (section.Sheet, int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture), m.Groups["column"].Value)
            : null;

    [GeneratedRegex(@"^(?<sheet>[A-Za-z]+)\[(?<index>[0-9]{1,6})\]\.(?<column>[a-z_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPattern();

    /// <summary>
    /// The posted form: fields named "Sheet[row].column", as many rows as the highest row posted (gaps are blank rows), each
    /// multi-code field's choices joined with ';' as the workbook writes them. Unknown sheets and columns are not read;
    /// the amounts are as typed, in the request's culture.
    /// </summary>
    private OnlineAnswerForm ReadForm()
    {
        var form = new OnlineAnswerForm { Culture = CultureInfo.CurrentCulture.Name };
        foreach (var (key, values) in Request.Form)
        {
            if (DraftField(key) is not { } field || field.Index >= OnlineAnswer.MaxRowsPerSheet)
            {
                continue;
            }

            if (!form.Sheets.TryGetValue(field.Sheet, out var rows))
            {
                form.Sheets[field.Sheet] = rows = [];
            }

            while (rows.Count <= field.Index)
            {
                rows.Add(new Dictionary<string, string>(StringComparer.Ordinal));
            }

            var value = string.Join(';', values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()));
            if (value.Length > 0)
            {
                rows[field.Index][field.Column] = value;
            }
        }

        return form;
    }

    private bool Allowed() => User.ActingStates() is not { } own || own.Contains(State.ToUpperInvariant());

    private async Task<bool> LoadRoundAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            Round = await rounds.GetAsync(id, User.ActingStates(), Localization.CurrentLanguage, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        return Page();
    }

    /// <summary>The drop-downs' options, and a blank row at the end of each section that takes rows (more with "Add a row").</summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var language = Localization.CurrentLanguage;
        var labels = await codebook.GetAsync(cancellationToken: cancellationToken);
        var offered = (await challenges.GetAsync(cancellationToken)).Offered.Select(t => t.Code).ToArray();
        foreach (var list in SubmissionTemplate.DropDowns(offered))
        {
            var byCode = labels.TryGetValue(list.Name, out var entries) ? entries.ToDictionary(e => e.Code, e => e.Label(language), StringComparer.Ordinal) : [];
            IReadOnlyList<(string Code, string Label)> options = [.. list.Codes.Select(code => (code, Label(list.Name, code, byCode)))];
            if (list.Name is "states")
            {
                // A long list reads in the alphabetical order of the reader's language, not of the ISO codes.
                options = [.. options.OrderBy(o => o.Label, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];
            }

            foreach (var (sheet, column) in list.Columns)
            {
                Options[$"{sheet}/{column}"] = options;
            }
        }

        foreach (var (column, list) in new[] { ("offences", "offences"), ("legal_routes", "legalRoutes") })
        {
            Options[$"{Questionnaire.CasesSheet}/{column}"] = [.. labels[list].Select(e => (e.Code, $"{e.Label(language)} ({e.Code})"))];
        }

        foreach (var section in OnlineAnswer.Sections.Where(s => !s.FixedRows))
        {
            if (!Form.Sheets.TryGetValue(section.Sheet, out var rows))
            {
                Form.Sheets[section.Sheet] = rows = [];
            }

            if (rows.Count == 0 || !section.IsBlank(rows[^1]))
            {
                rows.Add(new Dictionary<string, string>(StringComparer.Ordinal));
            }
        }
    }

    private string Label(string list, string code, Dictionary<string, string> byCode) => list switch
    {
        "needPriorities" => localizer["Enum.NeedPriority." + code].Value,
        "currencies" => byCode.TryGetValue(code, out var name) ? $"{code} — {name}" : code,
        _ => byCode.TryGetValue(code, out var label) ? label : code,
    };
}
