using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Reconciliation;

/// <summary>Analysts decide on proposed matches: the same matter reported by the requesting and the requested State. Every
/// decision stays listed with who took it and when, also after a merge removed one of the two cases.</summary>
[Authorize(Policy = Policies.EditCases)]
public sealed class IndexModel(RecoveryWatch.Collection.Reconciliation reconciliation, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<MatchView> Proposals { get; private set; } = [];

    public IEnumerable<MatchView> Open => Proposals.Where(p => p.Status == MatchStatus.Proposed);

    public IEnumerable<MatchView> Decided => Proposals.Where(p => p.Status != MatchStatus.Proposed);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Proposals = await reconciliation.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken cancellationToken) =>
        await DecideAsync(async () => Redirect($"/cases/{await reconciliation.ConfirmAsync(id, User.Actor(), cancellationToken)}"), cancellationToken);

    public async Task<IActionResult> OnPostRejectAsync(int id, CancellationToken cancellationToken) =>
        await DecideAsync(async () =>
        {
            await reconciliation.RejectAsync(id, User.Actor(), cancellationToken);
            return Redirect("/reconciliation");
        }, cancellationToken);

    private async Task<IActionResult> DecideAsync(Func<Task<IActionResult>> decision, CancellationToken cancellationToken)
    {
        try
        {
            return await decision();
        }
        catch (ValidationFailedException exception)
        {
            foreach (var error in exception.Errors)
            {
                ModelState.AddModelError(string.Empty, localizer.Message(error));
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        Proposals = await reconciliation.ListAsync(cancellationToken);
        return Page();
    }
}
