using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Auditing;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Admin;

/// <summary>The whole audit log, newest first, with a check of its hash chain (administrators).</summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class AuditModel(ReadAuditLog readAuditLog, AuditChain chain) : PageModel
{
    public AuditPage Entries { get; private set; } = new([], 0, 1, ReadAuditLog.PageSize);
    public AuditVerification? Verification { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await readAuditLog.HandleAsync(EntityType, EntityId, PageNumber, cancellationToken);

    public async Task OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        Verification = await chain.VerifyAsync(cancellationToken);
        Entries = await readAuditLog.HandleAsync(EntityType, EntityId, PageNumber, cancellationToken);
    }
}
