using Microsoft.AspNetCore.Identity;

namespace RecoveryWatch.Identity;

public sealed class AppUser : IdentityUser
{
    /// <summary>Disabling locks an account until the end of time; a lockout after wrong passwords lasts minutes.</summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public string? DisplayName { get; set; }

    /// <summary>Whether a lockout end is the one <see cref="DisabledUntil"/> sets. Compared with a century from now
    /// rather than equality, because the databases store <see cref="DateTimeOffset.MaxValue"/> with less precision.</summary>
    public static bool IsDisabled(DateTimeOffset? lockoutEnd, DateTimeOffset now) => lockoutEnd is { } end && end > now.AddYears(100);
}

/// <summary>The roles of RecoveryWatch: the Secretariat (administrators and analysts), States' focal points and delegates.</summary>
public static class Roles
{
    /// <summary>Manages users, information requests and publication; reads and edits everything.</summary>
    public const string SecretariatAdmin = "SecretariatAdmin";

    /// <summary>Reads everything and edits cases.</summary>
    public const string SecretariatAnalyst = "SecretariatAnalyst";

    /// <summary>Answers information requests for one or more States; reads the restricted data of those States.</summary>
    public const string FocalPoint = "FocalPoint";

    /// <summary>Represents one State party at meetings; reads what States parties may read.</summary>
    public const string Delegate = "Delegate";

    public static readonly IReadOnlyList<string> All = [SecretariatAdmin, SecretariatAnalyst, FocalPoint, Delegate];

    public static bool IsSecretariat(string role) => role is SecretariatAdmin or SecretariatAnalyst;
}

/// <summary>Claim types stored with a user (AspNetUserClaims) and copied into the sign-in principal.</summary>
public static class RecoveryWatchClaims
{
    /// <summary>ISO 3166-1 alpha-3 code of a State the user acts for; one claim per State.</summary>
    public const string State = "recoverywatch:state";
}
