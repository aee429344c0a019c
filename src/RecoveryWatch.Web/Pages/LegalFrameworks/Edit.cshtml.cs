using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.LegalFrameworks;

/// <summary>One question's row of the form.</summary>
public sealed class FrameworkAnswerForm
{
    public string Question { get; set; } = string.Empty;
    public string? Answer { get; set; }
    public string? Note { get; set; }
    public string? LawTitle { get; set; }
    public string? LawArticle { get; set; }
    public string? LawUrl { get; set; }
}

/// <summary>
/// A focal point (for its own State) or the Secretariat writes the State's open version: one row per question, each with
/// the law cited. A new draft starts from the current validated profile. "Save and submit" sends it for validation in the
/// same step as far as the user sees, as two transactions (save, then submit) so a refused submit keeps the saved draft.
/// </summary>
[Authorize(Policy = Policies.EditLegalFrameworks)]
public sealed class EditModel(LegalFrameworkQueries queries, EditLegalFramework edit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [FromRoute]
    public string State { get; set; } = string.Empty;

    [BindProperty]
    public string? AsOf { get; set; }

    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public List<FrameworkAnswerForm> Answers { get; set; } = [];

    public FrameworkStatus? OpenStatus { get; private set; }

    public int? OpenNumber { get; private set; }

    /// <summary>Errors by field name as the form posts it ("Answers[3].LawUrl", "AsOf").</summary>
    public Dictionary<string, List<string>> FieldErrors { get; } = new(StringComparer.Ordinal);

    public string? Notice { get; private set; }

    public bool Locked => OpenStatus == FrameworkStatus.Submitted && !User.FrameworkEditor().IsSecretariat;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.EditsFramework(State))
        {
            return Forbid();
        }

        State = State.ToUpperInvariant();
        Notice = TempData["FrameworkNotice"] as string;
        var open = await queries.OpenAsync(State, withPeople: false, cancellationToken);
        var start = open ?? (await queries.ProfileAsync(State, canSeeOpen: false, withPeople: false, cancellationToken)).Current;
        OpenStatus = open?.Status;
        OpenNumber = open?.Number;
        Version = open?.Version ?? 0;
        AsOf = open?.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Source = open?.Source ?? string.Empty;
        var answers = (start?.Answers ?? []).Where(a => a?.Question is not null).ToDictionary(a => a!.Question!, a => a!, StringComparer.Ordinal);
        Answers = [.. LegalFrameworkQuestions.All.Select(q => answers.TryGetValue(q.Code, out var a)
            ? new FrameworkAnswerForm { Question = q.Code, Answer = a.Answer, Note = a.Note, LawTitle = a.LawTitle, LawArticle = a.LawArticle, LawUrl = a.LawUrl }
            : new FrameworkAnswerForm { Question = q.Code })];
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => SaveAsync(submit: false, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) => SaveAsync(submit: true, cancellationToken);

    private async Task<IActionResult> SaveAsync(bool submit, CancellationToken cancellationToken)
    {
        if (!User.EditsFramework(State))
        {
            return Forbid();
        }

        State = State.ToUpperInvariant();
        // Rows left blank are questions not answered; the others keep their row's index, so each error lands on its row.
        var answered = Answers.Select((a, i) => (Input: new FrameworkAnswerInput(a.Question, a.Answer, a.Note, a.LawTitle, a.LawArticle, a.LawUrl), Row: i))
            .Where(a => !LegalFrameworkRules.IsBlank(a.Input)).ToList();
        var editor = User.FrameworkEditor();
        try
        {
            var saved = await edit.SaveDraftAsync(State, new SaveFrameworkRequest(AsOf, Source, [.. answered.Select(a => a.Input)], Version), editor, cancellationToken);
            var version = saved.Version;
            if (submit && version.Status == FrameworkStatus.Draft)
            {
                version = (await edit.SubmitAsync(State, version.Version, editor, cancellationToken)).Version;
                TempData["FrameworkNotice"] = localizer["Frameworks.SubmittedNotice", version.Number].Value;
            }
            else
            {
                TempData["FrameworkNotice"] = localizer[saved.Changed ? "Frameworks.SavedNotice" : "Frameworks.Unchanged", version.Number].Value;
            }

            return Redirect($"/legal-frameworks/{State}/edit");
        }
        catch (ValidationFailedException exception)
        {
            foreach (var error in exception.Errors)
            {
                var field = FormField(error.Field, answered.Select(a => a.Row).ToList());
                if (!FieldErrors.TryGetValue(field, out var list))
                {
                    FieldErrors[field] = list = [];
                }

                list.Add(localizer.Message(error));
            }
        }

        var open = await queries.OpenAsync(State, withPeople: false, cancellationToken);
        OpenStatus = open?.Status;
        OpenNumber = open?.Number;
        return Page();
    }

    public IReadOnlyList<string> ErrorsFor(string field) => FieldErrors.TryGetValue(field, out var list) ? list : [];

    /// <summary>"answers[2].lawUrl" of the request → "Answers[7].LawUrl" of the form (the 3rd answered row is the form's 8th).</summary>
    private static string FormField(string field, List<int> rows)
    {
        if (field == "asOf")
        {
            return nameof(AsOf);
        }

        if (field == "source")
        {
            return nameof(Source);
        }

        var match = System.Text.RegularExpressions.Regex.Match(field, @"^answers\[(\d+)\]\.(\w+)$");
        if (match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var index) && index < rows.Count)
        {
            var name = match.Groups[2].Value;
            return $"Answers[{rows[index].ToString(CultureInfo.InvariantCulture)}].{char.ToUpperInvariant(name[0])}{name[1..]}";
        }

        return field;
    }
}
