using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Cases;

/// <summary>Who changed a case, when, and what it was before and after (the Secretariat).</summary>
[Authorize(Policy = Policies.ReadCaseHistory)]
public sealed class HistoryModel(ReadAuditLog readAuditLog) : PageModel
{
    public int Id { get; private set; }
    public AuditPage Entries { get; private set; } = new([], 0, 1, ReadAuditLog.PageSize);

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Id = id;
        // ?page= is read from the query string: a bound "page" gets Razor Pages' own route value (the page's name).
        var page = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 1;
        Entries = await readAuditLog.HandleAsync(nameof(Case), id.ToString(CultureInfo.InvariantCulture), page, cancellationToken);
    }
}
