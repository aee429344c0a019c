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

    public async Task OnGetAsync(int id, int? page, CancellationToken cancellationToken)
    {
        Id = id;
        Entries = await readAuditLog.HandleAsync(nameof(Case), id.ToString(CultureInfo.InvariantCulture), page ?? 1, cancellationToken);
    }
}
