using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Analytics;
using RecoveryWatch.Common;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.ExchangeRates;

/// <summary>The Secretariat imports dated exchange rates from a CSV file and sees the stored ones; a file with errors is
/// refused whole, with every error by line and column.</summary>
[Authorize(Policy = Policies.EditCases)]
[RequestSizeLimit(ExchangeRateFile.MaxBytes + 65536)]
public sealed class IndexModel(ImportExchangeRates rates, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public ExchangeRatePage Rates { get; private set; } = new([], 0, 1, ImportExchangeRates.DefaultPageSize);

    public RatesImportSummary? Summary { get; private set; }

    public IReadOnlyList<(string Where, string Message)> Errors { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Currency { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public IFormFile? RatesFile { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rates = await rates.ListAsync(Currency, PageNumber, ImportExchangeRates.DefaultPageSize, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (RatesFile is null)
        {
            Errors = [("file", localizer.Message(new ValidationError("file", "Required")))];
        }
        else
        {
            try
            {
                using var buffer = new MemoryStream();
                await RatesFile.CopyToAsync(buffer, cancellationToken);
                Summary = await rates.HandleAsync(buffer.ToArray(), User.Actor(), cancellationToken);
            }
            catch (ValidationFailedException exception)
            {
                Errors = [.. exception.Errors.Select(e => (e.Field, localizer.Message(e)))];
            }
        }

        Rates = await rates.ListAsync(Currency, PageNumber, ImportExchangeRates.DefaultPageSize, cancellationToken);
        return Page();
    }
}
