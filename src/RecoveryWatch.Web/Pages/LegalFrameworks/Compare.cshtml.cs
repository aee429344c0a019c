using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Knowledge;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.LegalFrameworks;

/// <summary>States side by side on the chosen questions, from each State's validated profile, with the law cited under each
/// answer, a missing answer shown as missing, and the same table to download.</summary>
[AllowAnonymous]
public sealed class CompareModel(LegalFrameworkQueries queries, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public FrameworkComparison? Comparison { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The query string of this comparison, for the download links.</summary>
    public string Query { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var errors = new ValidationCollector();
        var (states, questions) = LegalFrameworkQueries.ParseSelection(Request.Query["states"], Request.Query["questions"], errors, statesRequired: true);
        if (errors.HasErrors)
        {
            Errors = [.. errors.Errors.Select(localizer.Message)];
            return;
        }

        Query = "states=" + Uri.EscapeDataString(string.Join(',', states))
            + (questions.Count == LegalFrameworkQuestions.All.Count ? string.Empty : "&questions=" + Uri.EscapeDataString(string.Join(',', questions.Select(q => q.Code))))
            + "&lang=" + Localization.CurrentLanguage;
        Comparison = await queries.CompareAsync(states, questions, Localization.CurrentLanguage, cancellationToken);
    }
}
