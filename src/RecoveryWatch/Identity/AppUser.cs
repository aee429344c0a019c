using Microsoft.AspNetCore.Identity;

namespace RecoveryWatch.Identity;

public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
}

/// <summary>Role names. The full role model (analysts, focal points and delegates bound to States) comes with the accounts issue.</summary>
public static class Roles
{
    public const string SecretariatAdmin = "SecretariatAdmin";
    public const string SecretariatAnalyst = "SecretariatAnalyst";

    public static readonly IReadOnlyList<string> All = [SecretariatAdmin, SecretariatAnalyst];
}
