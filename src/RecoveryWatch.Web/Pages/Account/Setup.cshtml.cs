using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Common;
using RecoveryWatch.Identity;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Account;

/// <summary>Where an invited user chooses a password, from the link the administrator passed on.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class SetupModel(ManageUsers manageUsers, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string UserId { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    [Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
    [DataType(DataType.Password)]
    public string Confirm { get; set; } = string.Empty;

    /// <summary>The link came from "Forgot password?" rather than an invitation; only the wording differs.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Reset { get; set; }

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await manageUsers.SetPasswordAsync(UserId, Token, Password);
            Done = true;
        }
        catch (ValidationFailedException exception)
        {
            foreach (var error in exception.Errors)
            {
                ModelState.AddModelError(error.Field == "password" ? nameof(Password) : string.Empty, localizer.Message(error));
            }
        }

        return Page();
    }
}
