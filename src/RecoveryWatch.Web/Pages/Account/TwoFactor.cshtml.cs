using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryWatch.Auditing;
using RecoveryWatch.Data;
using RecoveryWatch.Identity;

namespace RecoveryWatch.Web.Pages.Account;

/// <summary>Turns on two-factor sign-in with an authenticator app: the person asks for a key (a step of its own, since
/// showing a page never writes), the key is shown (and as an otpauth:// link), and one correct code turns it on. Signed-in users only (the pages convention requires it).
/// Identity changes the account's security stamp with each of these steps, which ends every session signed in under the
/// old one (Infrastructure.AccountRevalidation); the session of the person making the change is signed in again under
/// the new stamp, so that only their other sessions end.</summary>
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signInManager, RecoveryWatchDbContext db, TimeProvider clock) : PageModel
{
    public string SharedKey { get; private set; } = string.Empty;
    public string AuthenticatorUri { get; private set; } = string.Empty;
    public bool Enabled { get; private set; }

    /// <summary>Whether the account has an authenticator key yet.</summary>
    public bool HasKey => SharedKey.Length > 0;

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    public string Code { get; set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    /// <summary>Creates the authenticator key. Identity changes the security stamp with it, which ends the account's other
    /// sessions; this one is signed in again.</summary>
    public async Task<IActionResult> OnPostCreateKeyAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await signInManager.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (!valid)
        {
            ModelState.AddModelError(nameof(Code), "Login.WrongCode");
            await LoadAsync();
            return Page();
        }

        await SetAsync(user, enabled: true);
        await signInManager.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await SetAsync(user, enabled: false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signInManager.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task SetAsync(AppUser user, bool enabled)
    {
        await using var transaction = await db.BeginWriteAsync();
        await users.SetTwoFactorEnabledAsync(user, enabled);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), user.Email ?? user.Id, enabled ? "enable-2fa" : "disable-2fa", "User", user.Id, null, null));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return false;
        }

        Enabled = await users.GetTwoFactorEnabledAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return true;
        }

        SharedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/RecoveryWatch:{Uri.EscapeDataString(user.Email ?? user.Id)}?secret={key}&issuer=RecoveryWatch&digits=6";
        return true;
    }
}
