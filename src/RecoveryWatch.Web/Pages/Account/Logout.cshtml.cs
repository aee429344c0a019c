using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Identity;

namespace RecoveryWatch.Web.Pages.Account;

/// <summary>Signing out, from the form at the top of every page: a POST with that form's anti-forgery token, so that
/// another site cannot sign anyone out, and a GET (a link followed, a prefetch) signs nobody out.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<AppUser> signInManager) : PageModel
{
    /// <summary>Left for the next page, whose layout then says that the session has ended.</summary>
    public const string SignedOutNotice = "SignedOut";

    public IActionResult OnGet() => Redirect("/cases");

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        TempData[SignedOutNotice] = true;
        // The case search: open to everyone, unlike most of the pages a signed-in user signs out from.
        return Redirect("/cases");
    }
}
