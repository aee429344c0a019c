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
/// An administrator opens an information request (resolution 8/9) from a page, not only the API: code, title, mandate,
/// the period the answers cover, the deadline and the States asked (typed as ISO codes, or a whole regional group). The
/// same handler as <c>POST /api/v1/rounds</c> checks it; every error is shown beside its field.
/// </summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class NewModel(RecoveryWatch.Collection.Rounds rounds, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RoundTitle { get; set; }

    [BindProperty]
    public string? Mandate { get; set; } = "resolution 8/9";

    [BindProperty]
    public string? PeriodFrom { get; set; }

    [BindProperty]
    public string? PeriodTo { get; set; }

    [BindProperty]
    public string? Deadline { get; set; }

    [BindProperty]
    public string? States { get; set; }

    [BindProperty]
    public string? Region { get; set; }

    public Dictionary<string, List<string>> FieldErrors { get; } = new(StringComparer.Ordinal);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = new ValidationCollector();
        var from = RoundFormFields.Day(errors, "periodFrom", PeriodFrom);
        var to = RoundFormFields.Day(errors, "periodTo", PeriodTo);
        var deadline = RoundFormFields.Day(errors, "deadline", Deadline);
        var states = RoundFormFields.States(errors, States, Region);

        if (!errors.HasErrors)
        {
            try
            {
                var round = await rounds.CreateAsync(new CreateRoundRequest
                {
                    Code = Code, Title = RoundTitle, Mandate = Mandate, PeriodFrom = from!.Value, PeriodTo = to!.Value,
                    Deadline = RoundFormFields.EndOfDay(deadline!.Value),
                    States = [.. states],
                }, User.Actor(), cancellationToken);
                return Redirect($"/rounds/{round.Id.ToString(CultureInfo.InvariantCulture)}");
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
            // states[3] → the States field; the message names the code.
            var field = error.Field.StartsWith("states", StringComparison.Ordinal) ? "states" : error.Field;
            if (!FieldErrors.TryGetValue(field, out var list))
            {
                FieldErrors[field] = list = [];
            }

            list.Add(localizer.Message(error));
        }

        return Page();
    }

    public IReadOnlyList<string> ErrorsFor(string field) => FieldErrors.TryGetValue(field, out var list) ? list : [];
}
