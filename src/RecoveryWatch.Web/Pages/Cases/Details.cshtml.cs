using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Cases;

[AllowAnonymous]
public sealed class DetailsModel(GetCase getCase, RecoveryWatch.Analytics.ImportExchangeRates rates, IAuthorizationService authorization, RecoveryWatch.Knowledge.ChallengeTaxonomy taxonomy) : PageModel
{
    /// <summary>Labels of the challenge types (retired ones included: old data keeps them).</summary>
    public RecoveryWatch.Knowledge.ChallengeCatalog Challenges { get; private set; } = new([]);

    public CaseDetails Case { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    /// <summary>The source of each rate a figure was converted at, stated beside the figure.</summary>
    public IReadOnlyDictionary<(string Currency, DateOnly Date), string> RateSources { get; private set; } = new Dictionary<(string, DateOnly), string>();

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

        Challenges = Case.Challenges.Count == 0 ? Challenges : await taxonomy.GetAsync(cancellationToken);
        RateSources = await rates.SourcesAsync(Case.Measures.Select(m => (m.Currency, m.UsdRateDate)), cancellationToken);
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.EditCases)).Succeeded;
        return Page();
    }
}
