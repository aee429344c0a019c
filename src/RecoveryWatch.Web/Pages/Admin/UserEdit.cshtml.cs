using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Identity;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Admin;

[Authorize(Policy = Policies.ManageUsers)]
public sealed class UserEditModel(ManageUsers manageUsers, UserManager<AppUser> userManager, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public UserSummary Subject { get; private set; } = null!;

    [BindProperty]
    public SaveUserRequest Input { get; set; } = new();

    /// <summary>The new invitation link after a re-send, shown once to be passed on like the first one.</summary>
    public string? InvitationLink { get; private set; }

    /// <summary>Re-sends the invitation of an account that has no password yet; the previous link stops working.</summary>
    public async Task<IActionResult> OnPostResendAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var invitation = await manageUsers.ResendInvitationAsync(id, User.Actor(), cancellationToken);
            InvitationLink = AccountLinks.Setup(Request, invitation.User.Id, invitation.SetupToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException exception)
        {
            foreach (var error in exception.Errors)
            {
                ModelState.AddModelError(string.Empty, localizer.Message(error));
            }
        }

        Subject = await manageUsers.GetAsync(id, cancellationToken);
        Input = new SaveUserRequest { Email = Subject.Email, DisplayName = Subject.DisplayName, Role = Subject.Role, States = [.. Subject.States], Disabled = Subject.Disabled };
        return Page();
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            Subject = await manageUsers.GetAsync(id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        Input = new SaveUserRequest { Email = Subject.Email, DisplayName = Subject.DisplayName, Role = Subject.Role, States = [.. Subject.States], Disabled = Subject.Disabled };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await manageUsers.UpdateAsync(id, Input, userManager.GetUserId(User) ?? string.Empty, User.Actor(), cancellationToken);
            return Redirect("/admin/users");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException exception)
        {
            foreach (var error in exception.Errors)
            {
                ModelState.AddModelError("Input." + char.ToUpperInvariant(error.Field[0]) + error.Field[1..], localizer.Message(error));
            }

            Subject = await manageUsers.GetAsync(id, cancellationToken);
            return Page();
        }
    }
}
