using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Cases;

[AllowAnonymous]
public sealed class DetailsModel(GetCase getCase, IAuthorizationService authorization) : PageModel
{
    public CaseDetails Case { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            Case = await getCase.HandleAsync(id, User.CaseReader(), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        CanEdit = (await authorization.AuthorizeAsync(User, Policies.EditCases)).Succeeded;
        return Page();
    }
}
