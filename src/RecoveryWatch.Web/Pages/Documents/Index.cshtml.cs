using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Data;
using RecoveryWatch.Meetings;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Documents;

/// <summary>A document by its symbol: language versions to download, reissue, and its Add/Corr/Rev chain.</summary>
[AllowAnonymous]
public sealed class IndexModel(RecoveryWatchDbContext db, UploadDocumentVersion upload, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : PageModel
{
    public bool CanUpload { get; private set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public IFormFile? UploadedFile { get; set; }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageMeetings)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            await using var stream = UploadedFile?.OpenReadStream() ?? Stream.Null;
            await upload.HandleAsync(Symbol ?? string.Empty, Language ?? string.Empty, UploadedFile?.FileName ?? string.Empty, UploadedFile?.ContentType ?? string.Empty, stream, UploadedFile?.Length ?? 0, User.Actor(), cancellationToken);
            return Redirect("/documents?symbol=" + Uri.EscapeDataString(Symbol!));
        }
        catch (RecoveryWatch.Common.ValidationFailedException exception)
        {
            foreach (var error in exception.Errors)
            {
                ModelState.AddModelError(error.Field, localizer.Message(error));
            }
        }
        catch (RecoveryWatch.Common.NotFoundException)
        {
            return NotFound();
        }

        return await OnGetAsync(cancellationToken);
    }

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
        CanUpload = (await authorization.AuthorizeAsync(User, Policies.ManageMeetings)).Succeeded;
        return Document is null ? NotFound() : Page();
    }
}
