using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.TechnicalAssistance;

/// <summary>Activities delivered, newest first, with the States that benefited and the needs each answered that the
/// reader may see.</summary>
[AllowAnonymous]
public sealed class ActivitiesModel(Knowledge.TechnicalAssistance assistance) : PageModel
{
    public ActivityPage Activities { get; private set; } = new([], 0, 1, Knowledge.TechnicalAssistance.DefaultPageSize);

    public bool CanEdit { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(int? page, bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        CanEdit = (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, Policies.EditCases)).Succeeded;
        Activities = await assistance.ListActivitiesAsync(User.CaseReader(), null, page ?? 1, Knowledge.TechnicalAssistance.DefaultPageSize, cancellationToken);
    }
}
