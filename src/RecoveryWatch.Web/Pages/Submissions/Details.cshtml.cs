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

    [BindProperty]
    public string? Sheet { get; set; }

    [BindProperty]
    public int Row { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostClarifyAsync(int id, CancellationToken cancellationToken) =>
        DecideAsync(id, () => review.RequestClarificationAsync(id, [new CommentInput(Sheet ?? Questionnaire.CasesSheet, Row, Comment ?? string.Empty)], User.Actor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostValidateAsync(int id, CancellationToken cancellationToken) =>
        DecideAsync(id, () => review.ValidateAsync(id, User.Actor(), cancellationToken), cancellationToken);

    private async Task<IActionResult> DecideAsync(int id, Func<Task> decision, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.EditCases)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            await decision();
            return Redirect($"/submissions/{id}");
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
        return true;
    }
}
