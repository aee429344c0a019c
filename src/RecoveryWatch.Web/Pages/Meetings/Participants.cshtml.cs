using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.Meetings;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Meetings;

/// <summary>A delegation registers its members (in person or online); the Secretariat sees every delegation's list.</summary>
[Authorize(Policy = Policies.RegisterParticipants)]
public sealed class ParticipantsModel(RecoveryWatchDbContext db, Participation participation, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public MeetingSummary Meeting { get; private set; } = null!;
    public IReadOnlyList<ParticipantView> Participants { get; private set; } = [];
    public IReadOnlyCollection<string>? States { get; private set; }

    [BindProperty]
    public RegisterParticipantRequest Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            await participation.RegisterAsync(id, Input, User.ActingStates(), User.Actor(), cancellationToken);
            return Redirect($"/meetings/{id}/participants");
        }
        catch (ValidationFailedException exception)
        {
            foreach (var error in exception.Errors)
            {
                ModelState.AddModelError("Input." + char.ToUpperInvariant(error.Field[0]) + error.Field[1..], localizer.Message(error));
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var meeting = await MeetingQueries.SummaryAsync(db, id, Localization.CurrentLanguage, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        States = User.ActingStates();
        Participants = await participation.ListAsync(id, States, cancellationToken);
        return true;
    }
}
