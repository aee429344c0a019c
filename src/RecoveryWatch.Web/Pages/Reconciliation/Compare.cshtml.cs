using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Reconciliation;

/// <summary>One proposed match with its two reports side by side, field by field, marking what agrees and what does not,
/// and the score taken apart, so the analyst decides on the facts rather than on two titles and a percentage. The decision
/// itself is the list page's (same handlers, same rules).</summary>
[Authorize(Policy = Policies.EditCases)]
public sealed class CompareModel(RecoveryWatch.Collection.Reconciliation reconciliation) : PageModel
{
    public MatchComparison Comparison { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            Comparison = await reconciliation.CompareAsync(id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return Page();
    }
}
