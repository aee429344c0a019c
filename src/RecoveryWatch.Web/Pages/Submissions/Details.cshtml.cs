using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Submissions;

/// <summary>A submission as the review sees it: each row and what it would change, the Secretariat's questions, and the
/// Secretariat's two decisions (ask for clarification on a row, or validate).</summary>
[Authorize(Policy = Policies.TakePartInRounds)]
public sealed class DetailsModel(RecoveryWatchDbContext db, ReviewSubmission review, IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer,
    RecoveryWatch.Knowledge.ChallengeTaxonomy taxonomy) : PageModel
{
    /// <summary>Labels of the challenge types the answer reports.</summary>
    public RecoveryWatch.Knowledge.ChallengeCatalog Challenges { get; private set; } = new([]);

    public SubmissionView Submission { get; private set; } = null!;
    public bool CanReview { get; private set; }

    /// <summary>The row a question is about: chosen by the row's link (a GET with ?sheet=&amp;row=), then posted back with the question.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sheet { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Row { get; set; }

    /// <summary>The cell of the chosen row when it is a row of this answer, else null (no question form then).</summary>
    public string? ClarifyCell { get; private set; }

    /// <summary>What the previous step did ("validated", "clarification"), said once after its redirect (post, redirect, get).</summary>
    public string? Done { get; private set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // Said only when the answer is where that step left it: a stale or hand-typed link says nothing.
        Done = (done, Submission.Status) switch
        {
            ("validated", SubmissionStatus.Validated) => done,
            ("clarification", SubmissionStatus.ClarificationRequested) => done,
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostClarifyAsync(int id, CancellationToken cancellationToken) =>
        DecideAsync(id, "clarification", () => review.RequestClarificationAsync(id, [new CommentInput(Sheet ?? Questionnaire.CasesSheet, Row, Comment ?? string.Empty)], User.Actor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostValidateAsync(int id, CancellationToken cancellationToken) =>
        DecideAsync(id, "validated", () => review.ValidateAsync(id, User.Actor(), cancellationToken), cancellationToken);

    private async Task<IActionResult> DecideAsync(int id, string done, Func<Task> decision, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.EditCases)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            await decision();
            return Redirect($"/submissions/{id}?done={done}");
        }
        catch (ValidationFailedException exception)
        {
            foreach (var error in exception.Errors)
            {
                ModelState.AddModelError(string.Empty, localizer.Message(error));
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            Submission = await SubmissionQueries.GetAsync(db, id, User.ActingStates(), cancellationToken);
            Challenges = await taxonomy.GetAsync(cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        CanReview = (await authorization.AuthorizeAsync(User, Policies.EditCases)).Succeeded;
        var rows = Submission.Cases.Select(c => (Questionnaire.CasesSheet, c.Row))
            .Concat(Submission.Measures.Select(m => (Questionnaire.MeasuresSheet, m.Row)))
            .Concat(Submission.Details.Select(d => (d.Sheet, d.Row)));
        ClarifyCell = Sheet is not null && rows.Contains((Sheet, Row)) ? SubmissionQueries.Cell(Sheet, Row) : null;
        return true;
    }
}
