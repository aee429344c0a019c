using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Rounds;

/// <summary>The online answer for States that prefer the browser to Excel: saved as a draft at any time, submitted through
/// the same checks as the workbook (rows numbered as in the workbook, from row 3). Submitting over the State's current
/// answer first lists that answer and asks for a second, explicit click to replace it.</summary>
[Authorize(Policy = Policies.TakePartInRounds)]
public sealed class AnswerModel(RecoveryWatch.Collection.Rounds rounds, OnlineAnswer online, RecoveryWatchDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private const int BlankCases = 2;
    private const int BlankMeasures = 4;

    public RoundView Round { get; private set; } = null!;
    public IReadOnlyList<(string Where, string Message)> Errors { get; private set; } = [];

    /// <summary>Why nothing was stored when the rows themselves were fine (a validated answer, a change made at the same time).</summary>
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    /// <summary>The State's current answer that submitting would supersede, listed for the focal point to confirm.</summary>
    public CurrentSubmission? Confirmation { get; private set; }

    public bool Saved { get; private set; }

    /// <summary>The answer the focal point agreed to supersede (the confirmation's button); only that one is superseded.</summary>
    [BindProperty]
    public int? Replaces { get; set; }

    [BindProperty(SupportsGet = true)]
    public string State { get; set; } = string.Empty;

    [BindProperty]
    public OnlineAnswerForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, bool? saved, CancellationToken cancellationToken)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        Saved = saved == true;
        Form = await online.LoadDraftAsync(id, State.ToUpperInvariant(), cancellationToken) ?? new OnlineAnswerForm();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        try
        {
            await online.SaveDraftAsync(id, State.ToUpperInvariant(), Form, User.Actor(), cancellationToken);
            return Redirect($"/rounds/{id}/answer?state={State}&saved=true");
        }
        catch (ConflictException conflict)
        {
            Form = OnlineAnswer.Compact(Form);
            Refusals = [.. conflict.Errors.Select(localizer.Message)];
        }
        catch (ValidationFailedException exception)
        {
            Errors = [.. exception.Errors.Select(e => (e.Field, localizer.Message(e)))];
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        var state = State.ToUpperInvariant();
        try
        {
            var summary = await online.SubmitAsync(id, state, Form, User.Actor(), Replaces is { } confirmed ? Replacement.Of(confirmed) : null, cancellationToken);
            return Redirect($"/rounds/{id}?submitted={summary.Id}");
        }
        catch (WorkbookRejectedException rejected)
        {
            Form = OnlineAnswer.Compact(Form);
            Errors = [.. rejected.Errors.Select(e => ProblemExceptionHandler.Describe(e, localizer))];
        }
        catch (ConflictException conflict) when (conflict.Errors.Any(e => e.Code is ImportSubmission.WouldSupersede or ImportSubmission.ChangedSinceConfirmed))
        {
            // The confirmation step: the rows stay in the form, the current answer is listed, and a second button replaces it.
            Form = OnlineAnswer.Compact(Form);
            Confirmation = (await SubmissionQueries.CurrentAsync(db, id, state, cancellationToken)).SingleOrDefault();
            Refusals = [.. conflict.Errors.Where(e => e.Code == ImportSubmission.ChangedSinceConfirmed).Select(localizer.Message)];
        }
        catch (ConflictException conflict)
        {
            Form = OnlineAnswer.Compact(Form);
            Refusals = [.. conflict.Errors.Select(localizer.Message)];
        }
        catch (ValidationFailedException exception)
        {
            Errors = [.. exception.Errors.Select(e => (e.Field, localizer.Message(e)))];
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private bool Allowed() => User.ActingStates() is not { } own || own.Contains(State.ToUpperInvariant());

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            Round = await rounds.GetAsync(id, User.ActingStates(), Localization.CurrentLanguage, cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        Form = Form with
        {
            Cases = [.. Form.Cases, .. Enumerable.Range(0, BlankCases).Select(_ => new OnlineCaseRow())],
            Measures = [.. Form.Measures, .. Enumerable.Range(0, BlankMeasures).Select(_ => new OnlineMeasureRow())],
        };
        return true;
    }
}
