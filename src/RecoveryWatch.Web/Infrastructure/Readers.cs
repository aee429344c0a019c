using System.Security.Claims;
using RecoveryWatch.Cases;
using RecoveryWatch.Identity;

namespace RecoveryWatch.Web.Infrastructure;

/// <summary>Authorization policies: pages and endpoints name a policy, never a role.</summary>
public static class Policies
{
    /// <summary>Create and edit cases: Secretariat administrators and analysts.</summary>
    public const string EditCases = nameof(EditCases);

    /// <summary>Invite users, assign roles and States, disable accounts; read and verify the whole audit log.</summary>
    public const string ManageUsers = nameof(ManageUsers);

    /// <summary>Read the change history of a case: the Secretariat.</summary>
    public const string ReadCaseHistory = nameof(ReadCaseHistory);

    /// <summary>Circulate draft reports, upload document versions, read participant lists: the Secretariat.</summary>
    public const string ManageMeetings = nameof(ManageMeetings);

    /// <summary>Object to or propose an amendment to a draft report under silence: delegates of States parties.</summary>
    public const string BreakSilence = nameof(BreakSilence);

    /// <summary>Register members of a State's delegation: its delegates and focal points, and the Secretariat.</summary>
    public const string RegisterParticipants = nameof(RegisterParticipants);

    /// <summary>Take part in information requests: focal points (for their States) and the Secretariat.</summary>
    public const string TakePartInRounds = nameof(TakePartInRounds);

    /// <summary>Edit a State's legal framework profile and submit it: its focal points, and the Secretariat for any State.</summary>
    public const string EditLegalFrameworks = nameof(EditLegalFrameworks);

    /// <summary>Validate or return a State's legal framework profile: the Secretariat.</summary>
    public const string ValidateLegalFrameworks = nameof(ValidateLegalFrameworks);
    /// <summary>Write good practices: focal points (for their own States) and the Secretariat; publication is the Secretariat's.</summary>
    public const string WritePractices = nameof(WritePractices);

    public static IServiceCollection AddRecoveryWatchAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(TakePartInRounds, p => p.RequireRole(Roles.FocalPoint, Roles.SecretariatAdmin, Roles.SecretariatAnalyst))
            .AddPolicy(ManageMeetings, p => p.RequireRole(Roles.SecretariatAdmin, Roles.SecretariatAnalyst))
            .AddPolicy(BreakSilence, p => p.RequireRole(Roles.Delegate).RequireClaim(RecoveryWatchClaims.State))
            .AddPolicy(RegisterParticipants, p => p.RequireRole(Roles.Delegate, Roles.FocalPoint, Roles.SecretariatAdmin, Roles.SecretariatAnalyst))
            .AddPolicy(EditCases, p => p.RequireRole(Roles.SecretariatAdmin, Roles.SecretariatAnalyst))
            .AddPolicy(ReadCaseHistory, p => p.RequireRole(Roles.SecretariatAdmin, Roles.SecretariatAnalyst))
            .AddPolicy(ManageUsers, p => p.RequireRole(Roles.SecretariatAdmin))
            .AddPolicy(EditLegalFrameworks, p => p.RequireRole(Roles.FocalPoint, Roles.SecretariatAdmin, Roles.SecretariatAnalyst))
            .AddPolicy(ValidateLegalFrameworks, p => p.RequireRole(Roles.SecretariatAdmin, Roles.SecretariatAnalyst))
            .AddPolicy(WritePractices, p => p.RequireRole(Roles.FocalPoint, Roles.SecretariatAdmin, Roles.SecretariatAnalyst));
        return services;
    }

    /// <summary>What case data the signed-in user may read: the Secretariat everything; a focal point what States parties
    /// may read plus the restricted data of its own States; a delegate what States parties may read; anyone else the public.</summary>
    public static CaseReader CaseReader(this ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.SecretariatAdmin) || user.IsInRole(Roles.SecretariatAnalyst))
        {
            return Cases.CaseReader.Secretariat;
        }

        if (user.IsInRole(Roles.FocalPoint))
        {
            return Cases.CaseReader.ForStates(user.FindAll(RecoveryWatchClaims.State).Select(c => c.Value));
        }

        return user.IsInRole(Roles.Delegate) ? Cases.CaseReader.StatesParties : Cases.CaseReader.Public;
    }

    /// <summary>What the user may do with good practices: the Secretariat everything, a focal point its own States'
    /// practices, anyone else read the published ones (a delegate's State claim gives no right to write).</summary>
    public static RecoveryWatch.Knowledge.PracticeActor PracticeActor(this ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.SecretariatAdmin) || user.IsInRole(Roles.SecretariatAnalyst))
        {
            return RecoveryWatch.Knowledge.PracticeActor.Secretariat;
        }

        return user.IsInRole(Roles.FocalPoint)
            ? RecoveryWatch.Knowledge.PracticeActor.FocalPoint(user.FindAll(RecoveryWatchClaims.State).Select(c => c.Value))
            : RecoveryWatch.Knowledge.PracticeActor.Public;
    }

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    /// <summary>Who edits a legal framework profile: the Secretariat for any State, a focal point for its own.</summary>
    public static Knowledge.FrameworkEditor FrameworkEditor(this ClaimsPrincipal user) => new(user.Actor(), user.ActingStates());

    /// <summary>Whether the user may see and edit the open (draft or submitted) version of the State's profile.</summary>
    public static bool EditsFramework(this ClaimsPrincipal user, string state) =>
        (user.IsInRole(Roles.SecretariatAdmin) || user.IsInRole(Roles.SecretariatAnalyst) || user.IsInRole(Roles.FocalPoint))
        && user.FrameworkEditor().ActsFor(state.ToUpperInvariant());

    /// <summary>The States a user acts for; null for the Secretariat, which acts for none and may act on all.</summary>
    public static IReadOnlyCollection<string>? ActingStates(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.SecretariatAdmin) || user.IsInRole(Roles.SecretariatAnalyst)
            ? null
            : [.. user.FindAll(RecoveryWatchClaims.State).Select(c => c.Value)];
}
