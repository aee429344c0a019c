using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Collection;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Rounds;

[Authorize(Policy = Policies.TakePartInRounds)]
public sealed class IndexModel(RecoveryWatch.Collection.Rounds rounds, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<RoundView> Rounds { get; private set; } = [];

    /// <summary>Creating a round is the administrators' (as the API's POST /api/v1/rounds).</summary>
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rounds = await rounds.ListAsync(User.ActingStates(), Localization.CurrentLanguage, cancellationToken);
        CanCreate = (await authorization.AuthorizeAsync(User, Policies.ManageUsers)).Succeeded;
    }
}
