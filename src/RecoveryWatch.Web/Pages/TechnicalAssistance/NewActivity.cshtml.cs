using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.TechnicalAssistance;

/// <summary>The form's fields as posted: codes and dates as text, read by the same rules as the API.</summary>
public sealed class ActivityForm
{
    public string? Title { get; set; }
    public string? Provider { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }
    public string? Description { get; set; }
    public string? Visibility { get; set; }
    public List<string> States { get; set; } = [];

    /// <summary>The needs ticked as answered.</summary>
    public List<int> Needs { get; set; } = [];

    /// <summary>Per need id, the status it now has (InProgress or Met), or blank to leave it as it is.</summary>
    public Dictionary<int, string> MarkAs { get; set; } = [];
}

/// <summary>The Secretariat records an activity delivered and ticks the needs it answered, saying for each whether it is
/// now in progress or met: nothing moves unless chosen here.</summary>
[Authorize(Policy = Policies.EditCases)]
public sealed class NewActivityModel(Knowledge.TechnicalAssistance assistance, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private const int MaxCandidates = 500;

    [BindProperty]
    public ActivityForm Input { get; set; } = new();

    public IReadOnlyList<NeedDocument> Candidates { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(string? state, CancellationToken cancellationToken)
    {
        if (state is not null && StateCode.IsKnown(state.Trim().ToUpperInvariant()))
        {
            Input.States = [state.Trim().ToUpperInvariant()];
        }

        await LoadCandidatesAsync(Input.States.Count == 1 ? Input.States[0] : null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = new ValidationCollector();
        var request = ToDocument(errors);
        if (!errors.HasErrors)
        {
            try
            {
                await assistance.CreateActivityAsync(request, User.Actor(), cancellationToken);
                return Redirect("/technical-assistance/activities?saved=true");
            }
            catch (ValidationFailedException exception)
            {
                foreach (var error in exception.Errors)
                {
                    errors.Add(error.Field, error.Code, error.Arguments);
                }
            }
        }

        foreach (var group in errors.Errors.GroupBy(e => e.Field))
        {
            Errors[group.Key] = string.Join(" ", group.Select(localizer.Message));
        }

        await LoadCandidatesAsync(null, cancellationToken);
        return Page();
    }

    /// <summary>The form as the handler's request: dates as ISO dates (what a date input sends), codes strictly.</summary>
    private ActivityDocument ToDocument(ValidationCollector errors)
    {
        DateOnly? Date(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors.Add(field, "InvalidDate", text);
            return null;
        }

        Visibility? visibility = null;
        if (!string.IsNullOrWhiteSpace(Input.Visibility))
        {
            if (EnumCodes.TryParse<Visibility>(Input.Visibility, out var v))
            {
                visibility = v;
            }
            else
            {
                errors.Add("visibility", "UnknownCode", Input.Visibility);
            }
        }

        var needs = new List<ActivityNeedLink>();
        foreach (var id in Input.Needs.Distinct())
        {
            NeedStatus? markAs = null;
            if (Input.MarkAs.TryGetValue(id, out var text) && !string.IsNullOrWhiteSpace(text))
            {
                if (EnumCodes.TryParse<NeedStatus>(text, out var status))
                {
                    markAs = status;
                }
                else
                {
                    errors.Add($"needs[{needs.Count}].markAs", "UnknownCode", text);
                }
            }

            needs.Add(new ActivityNeedLink { Id = id, MarkAs = markAs });
        }

        return new ActivityDocument
        {
            Title = Input.Title,
            Provider = Input.Provider,
            StartDate = Date("startDate", Input.StartDate),
            EndDate = Date("endDate", Input.EndDate),
            Description = Input.Description,
            Visibility = visibility,
            States = [.. Input.States.Where(s => !string.IsNullOrWhiteSpace(s))],
            Needs = needs,
        };
    }

    private async Task LoadCandidatesAsync(string? state, CancellationToken cancellationToken)
    {
        var page = await assistance.ListNeedsAsync(new NeedFilter { State = state, Unmet = true }, CaseReader.Secretariat, 1, MaxCandidates, cancellationToken);
        Candidates = page.Items;
    }
}
