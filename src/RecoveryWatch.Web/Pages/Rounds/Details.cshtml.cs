using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Collection;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Rounds;

/// <summary>A round: each State's status (reminders list for the Secretariat), the template to download, and the upload,
/// which answers with every error and its cell in the reader's language.</summary>
[Authorize(Policy = Policies.TakePartInRounds)]
public sealed class DetailsModel(RecoveryWatch.Collection.Rounds rounds, ImportSubmission import, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public RoundView Round { get; private set; } = null!;
    public IReadOnlyList<(string Where, string Message)> Errors { get; private set; } = [];
    public int? Submitted { get; private set; }

    [BindProperty]
    public string? State { get; set; }

    [BindProperty]
    public IFormFile? Workbook { get; set; }

    public bool IsSecretariat => User.ActingStates() is null;

    public async Task<IActionResult> OnGetAsync(int id, int? submitted, CancellationToken cancellationToken)
    {
        Submitted = submitted;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var state = State?.Trim().ToUpperInvariant() ?? string.Empty;
        if (User.ActingStates() is { } own && !own.Contains(state))
        {
            return Forbid();
        }

        if (Workbook is null)
        {
            // No file chosen: say so, rather than the import's "not an .xlsx workbook" about an empty upload.
            Errors = [(nameof(Workbook), localizer.Message(new ValidationError(nameof(Workbook), "Required")))];
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        try
        {
            using var buffer = new MemoryStream();
            await Workbook.CopyToAsync(buffer, cancellationToken);
            var summary = await import.HandleAsync(id, state, Workbook.FileName, buffer.ToArray(), User.Actor(), cancellationToken);
            return Redirect($"/rounds/{id}?submitted={summary.Id}");
        }
        catch (WorkbookRejectedException rejected)
        {
            Errors = [.. rejected.Errors.Select(e => ProblemExceptionHandler.Describe(e, localizer))];
        }
        catch (ImportInProgressException)
        {
            Errors = [(string.Empty, localizer["Problem.ImportInProgress"].Value)];
        }
        catch (ValidationFailedException exception)
        {
            Errors = [.. exception.Errors.Select(e => (e.Field, localizer.Message(e)))];
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            Round = await rounds.GetAsync(id, User.ActingStates(), Localization.CurrentLanguage, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
