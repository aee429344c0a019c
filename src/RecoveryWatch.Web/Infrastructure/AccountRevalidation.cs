using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RecoveryWatch.Data;
using RecoveryWatch.Identity;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>
/// Holds every signed-in request, cookie or bearer token alike, to the account as the database has it now. Both carry a
/// copy of the account taken at sign-in: the cookie handler compares its security stamp only every 30 minutes, and a
/// bearer token is believed until it expires. So, between authentication and authorization, one query reads the account:
/// <list type="bullet">
/// <item>when it no longer exists, is disabled, or its security stamp is not the one signed in under, the request goes on
/// as anonymous (the API answers 401, a page that needs a user sends to sign-in) and a cookie is deleted;</item>
/// <item>otherwise its role and State claims are replaced with the current ones, so that a new role or new States apply
/// from the next request, without signing anyone out.</item>
/// </list>
/// A lockout after five wrong passwords does not end sessions: anyone who knows an address could otherwise sign its owner
/// out. Nothing is kept from one request to the next.
/// </summary>
public sealed class AccountRevalidation(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, RecoveryWatchDbContext db, IOptions<IdentityOptions> identityOptions, TimeProvider clock)
    {
        if (context.User.Identity is ClaimsIdentity { IsAuthenticated: true } identity)
        {
            var claimTypes = identityOptions.Value.ClaimsIdentity;
            var userId = identity.FindFirst(claimTypes.UserIdClaimType)?.Value;
            var stamp = identity.FindFirst(claimTypes.SecurityStampClaimType)?.Value;
            var account = userId is null ? null : await AccountStanding.LoadAsync(db, userId, clock.GetUtcNow(), context.RequestAborted);
            if (account is null || account.Disabled || stamp is null || !string.Equals(stamp, account.SecurityStamp, StringComparison.Ordinal))
            {
                await EndSessionAsync(context);
            }
            else
            {
                context.User = new ClaimsPrincipal(WithRoleAndStates(identity, account));
            }
        }

        await next(context);
    }

    private static async Task EndSessionAsync(HttpContext context)
    {
        // Which handler authenticated the request; read before replacing the user, which forgets the result.
        var scheme = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme;
        context.User = new ClaimsPrincipal(new ClaimsIdentity());
        if (scheme == IdentityConstants.ApplicationScheme)
        {
            // The browser stops sending a cookie that can no longer sign anyone in. A bearer token cannot be taken back;
            // it is refused on each request until it expires.
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>The signed-in identity with the account's current role and States instead of those it signed in with;
    /// its other claims (user id, name, security stamp, how it signed in) are kept.</summary>
    private static ClaimsIdentity WithRoleAndStates(ClaimsIdentity identity, AccountStanding account)
    {
        var current = new ClaimsIdentity(
            identity.Claims.Where(c => c.Type != identity.RoleClaimType && c.Type != RecoveryWatchClaims.State),
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        current.AddClaims(account.Roles.Select(role => new Claim(identity.RoleClaimType, role)));
        current.AddClaims(account.States.Select(state => new Claim(RecoveryWatchClaims.State, state)));
        return current;
    }
}
