using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RecoveryWatch.Identity;

namespace RecoveryWatch.Web.Api;

/// <param name="TwoFactorCode">The authenticator app's current code, for accounts with two-factor sign-in.</param>
public sealed record LoginRequest(string Email, string Password, string? TwoFactorCode = null);

public sealed record RefreshRequest(string RefreshToken);

/// <summary>
/// The bearer-token endpoints of ASP.NET Core Identity, as the README documents them. Only login and refresh are mapped: MapIdentityApi
/// would also open self-registration, which a UN system with invited accounts must not have.
/// </summary>
public static class IdentityEndpoints
{
    public static RouteGroupBuilder MapIdentityEndpoints(this RouteGroupBuilder api)
    {
        var identity = api.MapGroup("/identity").WithTags("Identity").AllowAnonymous();
        identity.MapPost("/login", LoginAsync).RequireRateLimiting(Infrastructure.SignInRateLimit.Policy)
            .WithSummary("Exchange e-mail and password (and a two-factor code where enabled) for a bearer token");
        identity.MapPost("/refresh", RefreshAsync).WithSummary("Exchange a refresh token for a new bearer token");
        return api;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest login, SignInManager<AppUser> signInManager)
    {
        signInManager.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signInManager.PasswordSignInAsync(login.Email ?? string.Empty, login.Password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor && !string.IsNullOrEmpty(login.TwoFactorCode))
        {
            result = await signInManager.TwoFactorAuthenticatorSignInAsync(login.TwoFactorCode, isPersistent: false, rememberClient: false);
        }

        if (result.RequiresTwoFactor)
        {
            return TypedResults.Problem("RequiresTwoFactor", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!result.Succeeded)
        {
            return TypedResults.Problem(result.IsLockedOut ? "LockedOut" : "Failed", statusCode: StatusCodes.Status401Unauthorized);
        }

        // The bearer sign-in handler has written the token response.
        return TypedResults.Empty;
    }

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult>> RefreshAsync(
        RefreshRequest refresh, SignInManager<AppUser> signInManager, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(refresh.RefreshToken);
        // Disabling changes the security stamp, so the stamp check alone refuses a disabled account; the lockout is checked
        // as well so that the refresh endpoint and every signed-in request (AccountRevalidation) refuse the same accounts.
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signInManager.ValidateSecurityStampAsync(ticket.Principal) is not AppUser user
            || AppUser.IsDisabled(user.LockoutEnd, clock.GetUtcNow()))
        {
            return TypedResults.Challenge();
        }

        var principal = await signInManager.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
