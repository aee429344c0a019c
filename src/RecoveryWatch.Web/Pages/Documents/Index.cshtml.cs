using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Data;
using RecoveryWatch.Meetings;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Documents;

/// <summary>A document by its symbol: language versions to download, reissue, and its Add/Corr/Rev chain.</summary>
[AllowAnonymous]
public sealed class IndexModel(RecoveryWatchDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Symbol { get; set; }

    public DocumentView? Document { get; private set; }
    public string? SymbolError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Symbol))
        {
            return Page();
        }

        if (!DocumentSymbol.TryParseDetailed(Symbol.Trim(), out var symbol, out var error))
        {
            SymbolError = error.Code;
            return Page();
        }

        Document = await MeetingQueries.DocumentAsync(db, symbol, Localization.CurrentLanguage, cancellationToken);
        return Document is null ? NotFound() : Page();
    }
}
