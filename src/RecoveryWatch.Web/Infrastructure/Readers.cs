using System.Security.Claims;
using RecoveryWatch.Cases;
using RecoveryWatch.Identity;

namespace RecoveryWatch.Web.Infrastructure;

public static class Policies
{
    /// <summary>Create and edit cases: Secretariat administrators and analysts.</summary>
    public const string EditCases = nameof(EditCases);

    public static IServiceCollection AddRecoveryWatchAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(EditCases, p => p.RequireRole(Roles.SecretariatAdmin, Roles.SecretariatAnalyst));
        return services;
    }

    /// <summary>What case data the signed-in user may read. State scoping for focal points and delegates comes with the accounts issue.</summary>
    public static CaseReader CaseReader(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.SecretariatAdmin) || user.IsInRole(Roles.SecretariatAnalyst) ? Cases.CaseReader.Secretariat : Cases.CaseReader.Public;

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
