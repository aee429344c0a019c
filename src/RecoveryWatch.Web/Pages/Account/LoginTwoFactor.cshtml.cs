using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Identity;

namespace RecoveryWatch.Web.Pages.Account;

/// <summary>Second step of sign-in for accounts with an authenticator app (TOTP, RFC 6238).</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.SignInRateLimit.Policy)]
public sealed class LoginTwoFactorModel(SignInManager<AppUser> signInManager) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression("^[0-9 ]{6,7}$", ErrorMessage = "Validation.InvalidCode")]
    public string Code { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", string.Empty, StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/cases");
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut ? "Login.LockedOut" : "Login.WrongCode");
        return Page();
    }
}
