using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Cases;

[AllowAnonymous]
[PublicRead]
public sealed class DetailsModel(GetCase getCase, RecoveryWatch.Analytics.ImportExchangeRates rates, IAuthorizationService authorization, RecoveryWatch.Knowledge.ChallengeTaxonomy taxonomy,
    PublishCase publish, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Set after the redirect that follows a publication, to say it worked.</summary>
    public bool JustPublished { get; private set; }

    /// <summary>What a draft still lacks before it can be published (the same rule as the publish step), for the Secretariat.</summary>
    public IReadOnlyList<ValidationError> PublishingProblems { get; private set; } = [];

    /// <summary>Labels of the challenge types (retired ones included: old data keeps them).</summary>
    public RecoveryWatch.Knowledge.ChallengeCatalog Challenges { get; private set; } = new([]);

    public CaseDetails Case { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    /// <summary>The source of each rate a figure was converted at, stated beside the figure.</summary>
    public IReadOnlyDictionary<(string Currency, DateOnly Date), string> RateSources { get; private set; } = new Dictionary<(string, DateOnly), string>();

    public async Task<IActionResult> OnGetAsync(int id, bool published, CancellationToken cancellationToken)
    {
        JustPublished = published;
        return await LoadAsync(id, cancellationToken);
    }

    /// <summary>The Secretariat publishes a draft (post, redirect, get: the page then says it is published).</summary>
    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.EditCases)).Succeeded)
        {
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        }

        try
        {
            await publish.HandleAsync(id, User.Actor(), cancellationToken);
            return Redirect($"/cases/{id}?published=true");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException exception)
        {
            foreach (var error in exception.Errors)
            {
                ModelState.AddModelError(string.Empty, localizer.Message(error));
            }
        }

        return await LoadAsync(id, cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(int id, CancellationToken cancellationToken)
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
        JustPublished &= Case.Status == CaseStatus.Published;
        if (CanEdit && Case.Status == CaseStatus.Draft)
        {
            PublishingProblems = CaseRules.PublishingErrors(Case.Summary ?? string.Empty, Case.SummaryVisibility, Case.Sources.Select(s => s.Visibility));
        }

        return Page();
    }
}
