using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Data;
using RecoveryWatch.Meetings;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Meetings;

[AllowAnonymous]
public sealed class IndexModel(RecoveryWatchDbContext db) : PageModel
{
    public IReadOnlyList<MeetingSummary> Meetings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Meetings = await MeetingQueries.ListAsync(db, Localization.CurrentLanguage, cancellationToken);
}
