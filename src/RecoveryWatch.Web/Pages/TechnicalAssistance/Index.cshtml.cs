using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.TechnicalAssistance;

/// <summary>Technical-assistance needs with filters, and the table of unmet needs by regional group and type, both over
/// what the reader may see: anyone reads public needs, a focal point also its own States' restricted ones.</summary>
[AllowAnonymous]
public sealed class IndexModel(Knowledge.TechnicalAssistance assistance) : PageModel
{
    public NeedFilter Filter { get; private set; } = new();

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public NeedPage Needs { get; private set; } = new([], 0, 1, Knowledge.TechnicalAssistance.DefaultPageSize);

    public IReadOnlyList<UnmetCell> Unmet { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        CanEdit = (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, Policies.EditCases)).Succeeded;
        try
        {
            Filter = NeedFilter.Parse(name => Request.Query[name].FirstOrDefault());
        }
        catch (ValidationFailedException exception)
        {
            Errors = exception.Errors;
        }

        var reader = User.CaseReader();
        Unmet = await assistance.UnmetByRegionAndTypeAsync(reader, cancellationToken);
        if (Errors.Count == 0)
        {
            Needs = await assistance.ListNeedsAsync(Filter, reader, page ?? 1, Knowledge.TechnicalAssistance.DefaultPageSize, cancellationToken);
        }
    }
}
