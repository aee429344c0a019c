using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Identity;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Account;

/// <summary>
/// "Forgot password?": whatever address is given, the answer is the same, so the form does not reveal who has an account.
/// For an enabled account a reset link to <c>/account/setup</c> goes out through <see cref="IAccountLinkSender"/>.
/// Rate-limited like sign-in, since it can be used to probe addresses and to fill the log.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class ForgotModel(ManageUsers manageUsers, IAccountLinkSender sender) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    public string Email { get; set; } = string.Empty;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var reset = await manageUsers.RequestPasswordResetAsync(Email, cancellationToken);
        if (reset is not null)
        {
            await sender.SendPasswordResetAsync(reset.User.Email, new Uri(AccountLinks.Setup(Request, reset.User.Id, reset.SetupToken, reset: true)), cancellationToken);
        }

        Sent = true;
        return Page();
    }
}
