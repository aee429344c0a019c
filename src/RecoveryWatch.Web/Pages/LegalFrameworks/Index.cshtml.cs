using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.LegalFrameworks;

/// <summary>The States with a validated profile, the form to compare them, and each editor's way in: a focal point to its
/// State's profile, the Secretariat to the versions awaiting validation.</summary>
[AllowAnonymous]
public sealed class IndexModel(LegalFrameworkQueries queries) : PageModel
{
    public IReadOnlyList<FrameworkListItem> Profiles { get; private set; } = [];

    public IReadOnlyList<FrameworkVersionSummary> Awaiting { get; private set; } = [];

    /// <summary>The States the signed-in focal point edits; empty for everyone else.</summary>
    public IReadOnlyList<string> OwnStates { get; private set; } = [];

    public bool IsSecretariat { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Profiles = await queries.ListAsync(cancellationToken);
        IsSecretariat = User.Identity?.IsAuthenticated == true && User.FrameworkEditor().IsSecretariat;
        if (IsSecretariat)
        {
            Awaiting = await queries.AwaitingValidationAsync(cancellationToken);
        }
        else if (User.IsInRole(RecoveryWatch.Identity.Roles.FocalPoint))
        {
            OwnStates = [.. User.ActingStates() ?? []];
        }
    }
}
