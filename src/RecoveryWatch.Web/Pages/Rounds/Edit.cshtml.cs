using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Rounds;

/// <summary>
/// An administrator edits an information request: title, mandate, period, deadline, questionnaire version and the States
/// asked. The same handler as <c>PUT /api/v1/rounds/{id}</c> checks it (a State that has answered stays asked; the
/// questionnaire and the period are fixed once a State has answered); the version read travels with the form, so an
/// edit made meanwhile by someone else is refused rather than overwritten. Every error is shown beside its field.
/// </summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class EditModel(RecoveryWatch.Collection.Rounds rounds, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public RoundView Round { get; private set; } = null!;

    [BindProperty]
    public string? RoundTitle { get; set; }

    [BindProperty]
    public string? Mandate { get; set; }

    [BindProperty]
    public string? PeriodFrom { get; set; }

    [BindProperty]
    public string? PeriodTo { get; set; }

    [BindProperty]
    public string? Deadline { get; set; }

    [BindProperty]
    public int QuestionnaireVersion { get; set; }

    [BindProperty]
    public string? States { get; set; }

    [BindProperty]
    public string? Region { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    public Dictionary<string, List<string>> FieldErrors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        RoundTitle = Round.Title;
        Mandate = Round.Mandate;
        PeriodFrom = Round.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        PeriodTo = Round.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Deadline = DateOnly.FromDateTime(Round.Deadline.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        QuestionnaireVersion = Round.QuestionnaireVersion;
        States = string.Join(' ', Round.States.Select(s => s.State));
        Version = Round.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var errors = new ValidationCollector();
        var from = RoundFormFields.Day(errors, "periodFrom", PeriodFrom);
        var to = RoundFormFields.Day(errors, "periodTo", PeriodTo);
        var deadline = RoundFormFields.Day(errors, "deadline", Deadline);
        var states = RoundFormFields.States(errors, States, Region);

        if (!errors.HasErrors)
        {
            try
            {
                // The deadline is the end of the day given, in UTC, as on creation; the same day as stored keeps the stored
                // instant, so that a form sent back unchanged changes nothing.
                var instant = deadline!.Value == DateOnly.FromDateTime(Round.Deadline.UtcDateTime)
                    ? Round.Deadline
                    : RoundFormFields.EndOfDay(deadline.Value);
                await rounds.UpdateAsync(id, new EditRoundRequest
                {
                    Id = id, Title = RoundTitle, Mandate = Mandate, PeriodFrom = from!.Value, PeriodTo = to!.Value, Deadline = instant,
                    QuestionnaireVersion = QuestionnaireVersion, Version = Version,
                    States = [.. states.Select(s => new EditRoundState { State = s })],
                }, Localization.CurrentLanguage, User.Actor(), cancellationToken);
                return Redirect($"/rounds/{id.ToString(CultureInfo.InvariantCulture)}?edited=true");
            }
            catch (ValidationFailedException exception)
            {
                foreach (var error in exception.Errors)
                {
                    errors.Add(error.Field, error.Code, error.Arguments);
                }
            }
        }

        foreach (var error in errors.Errors)
        {
            // states[3] → the States field; a stale version → the form as a whole.
            var field = error.Field.StartsWith("states", StringComparison.Ordinal) ? "states"
                : error.Field is "version" or "record" ? "version" : error.Field;
            if (!FieldErrors.TryGetValue(field, out var list))
            {
                FieldErrors[field] = list = [];
            }

            list.Add(localizer.Message(error));
        }

        return Page();
    }

    public IReadOnlyList<string> ErrorsFor(string field) => FieldErrors.TryGetValue(field, out var list) ? list : [];

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            Round = await rounds.GetAsync(id, null, Localization.CurrentLanguage, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
