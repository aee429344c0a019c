using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Auditing;
using RecoveryWatch.Data;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Admin;

/// <summary>
/// The audit log, newest first, a page at a time, filtered by who, what and when (GET fields, so a filtered page can be
/// bookmarked and works without JavaScript), with a check of its hash chain (administrators).
/// </summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class AuditModel(ReadAuditLog readAuditLog, AuditChain chain, RecoveryWatchDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public AuditPage Entries { get; private set; } = new([], 0, 1, ReadAuditLog.PageSize);
    public AuditVerification? Verification { get; private set; }

    /// <summary>The actions and entity types present in the log, for the filter lists.</summary>
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>Read from the query string in <see cref="LoadAsync"/>: a bound "page" would get Razor Pages' own route value.</summary>
    public int PageNumber { get; private set; } = 1;

    [BindProperty(SupportsGet = true, Name = "size")]
    public int PageSize { get; set; } = ReadAuditLog.PageSize;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        Verification = await chain.VerifyAsync(cancellationToken);
        await LoadAsync(cancellationToken);
    }

    /// <summary>The query string of the current filters, without the page, for the pager's links.</summary>
    public string FilterQuery()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }

        Add("actor", Actor);
        Add("action", ActionCode);
        Add("entityType", EntityType);
        Add("entityId", EntityId);
        Add("from", From);
        Add("to", To);
        if (PageSize != ReadAuditLog.PageSize)
        {
            parts.Add("size=" + Entries.PageSize.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join("&", parts);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Form values are not bound as dates: a mistyped date must come back next to its field, not as a server error or
        // a silently dropped filter that would show the whole log as if it were the answer.
        var from = ParseDate(nameof(From), From);
        var to = ParseDate(nameof(To), To);
        Actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        EntityTypes = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        // Only the dates decide: ModelState also holds the binding of "page", which Razor Pages' own route value can spoil.
        if (ModelState.GetFieldValidationState(nameof(From)) == ModelValidationState.Invalid || ModelState.GetFieldValidationState(nameof(To)) == ModelValidationState.Invalid)
        {
            Entries = new AuditPage([], 0, 1, Math.Clamp(PageSize, 1, ReadAuditLog.MaxPageSize));
            return;
        }

        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 1;
        var filter = new AuditFilter { Actor = Actor, Action = ActionCode, EntityType = EntityType, EntityId = EntityId, From = from, To = to };
        Entries = await readAuditLog.HandleAsync(filter, PageNumber, PageSize, cancellationToken);
    }

    private DateOnly? ParseDate(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        ModelState.AddModelError(field, localizer["Validation.InvalidDate", value].Value);
        return null;
    }
}
