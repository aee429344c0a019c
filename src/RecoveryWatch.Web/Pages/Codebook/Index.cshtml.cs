using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Web.Api;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Codebook;

/// <summary>The codebook of the open data, in the reader's language: the same lists as <c>/api/v1/codebook</c>, which holds
/// the labels in all six languages.</summary>
[AllowAnonymous]
[PublicRead]
public sealed class IndexModel(Api.Codebook codebook) : PageModel
{
    public IReadOnlyDictionary<string, IReadOnlyList<CodebookEntry>> Lists { get; private set; } = new Dictionary<string, IReadOnlyList<CodebookEntry>>();

    public async Task OnGetAsync(CancellationToken cancellationToken) => Lists = await codebook.GetAsync(cancellationToken: cancellationToken);
}
