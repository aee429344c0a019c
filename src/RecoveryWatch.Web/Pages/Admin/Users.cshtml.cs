using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Identity;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Admin;

/// <summary>Administrators list users and invite new ones; the invitation link is shown once, to be passed on securely.</summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class UsersModel(ManageUsers manageUsers, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    [BindProperty]
    public SaveUserRequest Input { get; set; } = new() { Role = Roles.FocalPoint };

    public string? InvitationLink { get; private set; }
    public string? InvitedEmail { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await manageUsers.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var invitation = await manageUsers.InviteAsync(Input, User.Actor(), cancellationToken);
            InvitedEmail = invitation.User.Email;
            InvitationLink = AccountLinks.Setup(Request, invitation.User.Id, invitation.SetupToken);
            Input = new SaveUserRequest { Role = Roles.FocalPoint };
            ModelState.Clear();
        }
        catch (ValidationFailedException exception)
        {
            foreach (var error in exception.Errors)
            {
                ModelState.AddModelError("Input." + char.ToUpperInvariant(error.Field[0]) + error.Field[1..], localizer.Message(error));
            }
        }

        Users = await manageUsers.ListAsync(cancellationToken);
        return Page();
    }
}
