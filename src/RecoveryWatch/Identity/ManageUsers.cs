using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Identity;

public sealed record UserSummary(string Id, string Email, string? DisplayName, string? Role, IReadOnlyList<string> States, bool Disabled, bool TwoFactorEnabled, bool HasPassword);

public sealed record SaveUserRequest
{
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
    public string? Role { get; init; }
    public List<string> States { get; init; } = [];
    public bool Disabled { get; init; }
}

/// <summary>An invitation: the account exists without a password; the link lets its owner choose one.</summary>
public sealed record Invitation(UserSummary User, string SetupToken);

/// <summary>
/// User management by administrators: invite, assign a role and States, disable. Every change is one transaction with
/// its audit entry. Accounts are never self-registered.
/// </summary>
public sealed class ManageUsers(UserManager<AppUser> users, RecoveryWatchDbContext db, TimeProvider clock)
{
    public Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default) => SummariesAsync(null, cancellationToken);

    public async Task<UserSummary> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await SummariesAsync(id, cancellationToken)).SingleOrDefault() ?? throw new NotFoundException($"User {id} does not exist.");

    /// <summary>Users with their role and States in three queries, for one user (<paramref name="id"/>) or all.</summary>
    private async Task<IReadOnlyList<UserSummary>> SummariesAsync(string? id, CancellationToken cancellationToken)
    {
        var all = await db.Users.AsNoTracking().Where(u => id == null || u.Id == id).OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where id == null || ur.UserId == id select new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name!);
        var states = (await db.UserClaims.Where(c => c.ClaimType == RecoveryWatchClaims.State && (id == null || c.UserId == id)).Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(cancellationToken))
            .ToLookup(s => s.UserId, s => s.ClaimValue!);
        return [.. all.Select(u => Summarise(u, roles[u.Id].FirstOrDefault(), states[u.Id]))];
    }

    public async Task<Invitation> InviteAsync(SaveUserRequest request, string actor, CancellationToken cancellationToken = default)
    {
        var (email, displayName, role, states) = Validate(request);
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new ValidationFailedException([new ValidationError("email", "EmailTaken", email)]);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, LockoutEnabled = true };
        Check(await users.CreateAsync(user), "email");
        Check(await users.AddToRoleAsync(user, role), "role");
        Check(await users.AddClaimsAsync(user, states.Select(s => new Claim(RecoveryWatchClaims.State, s))), "states");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var summary = Summarise(user, role, states);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "invite", "User", user.Id, null, Snapshot(summary)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Invitation(summary, token);
    }

    /// <summary>Creates a user with a password at once (the create-user verb and the Admin:Email bootstrap).</summary>
    public async Task<UserSummary> CreateAsync(SaveUserRequest request, string password, string actor, CancellationToken cancellationToken = default)
    {
        // The password is checked before the user is stored: a refused password must not leave an account without one
        // (the bootstrap administrator would then exist and never be able to sign in).
        var refusals = new List<ValidationError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new AppUser { UserName = request.Email, Email = request.Email }, password);
            refusals.AddRange(result.Errors.Select(e => new ValidationError("password", "Identity", e.Description)));
        }

        if (refusals.Count > 0)
        {
            throw new ValidationFailedException(refusals);
        }

        var invitation = await InviteAsync(request, actor, cancellationToken);
        await SetPasswordAsync(invitation.User.Id, invitation.SetupToken, password, cancellationToken);
        return await GetAsync(invitation.User.Id, cancellationToken);
    }

    public async Task<UserSummary> UpdateAsync(string id, SaveUserRequest request, string actorId, string actor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException($"User {id} does not exist.");
        var (_, displayName, role, states) = Validate(request with { Email = user.Email });
        var before = await GetAsync(id, cancellationToken);
        if (id == actorId && (request.Disabled || role != Roles.SecretariatAdmin))
        {
            // An administrator cannot lock themselves out; another administrator has to do it.
            throw new ValidationFailedException([new ValidationError(request.Disabled ? "disabled" : "role", "CannotDemoteYourself")]);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        user.DisplayName = displayName;
        Check(await users.UpdateAsync(user), "displayName");
        var currentRoles = await users.GetRolesAsync(user);
        if (!currentRoles.SequenceEqual([role]))
        {
            Check(await users.RemoveFromRolesAsync(user, currentRoles), "role");
            Check(await users.AddToRoleAsync(user, role), "role");
        }

        var currentStates = (await users.GetClaimsAsync(user)).Where(c => c.Type == RecoveryWatchClaims.State).ToList();
        Check(await users.RemoveClaimsAsync(user, currentStates), "states");
        Check(await users.AddClaimsAsync(user, states.Select(s => new Claim(RecoveryWatchClaims.State, s))), "states");
        // Disabling locks the account for good and changes its security stamp: the web host refuses a cookie or bearer token
        // signed in under another stamp from its next request on, and the refresh endpoint refuses its refresh tokens.
        // A new role or new States keep the stamp, and so the sessions: the host reads role and States afresh on every
        // signed-in request, so the change applies at once without signing anyone out.
        Check(await users.SetLockoutEndDateAsync(user, request.Disabled ? AppUser.DisabledUntil : null), "disabled");
        if (request.Disabled)
        {
            Check(await users.UpdateSecurityStampAsync(user), "disabled");
        }

        var after = Summarise(user, role, states) with { Disabled = request.Disabled, TwoFactorEnabled = user.TwoFactorEnabled, HasPassword = user.PasswordHash is not null };
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, request.Disabled && !before.Disabled ? "disable" : "update", "User", user.Id, Snapshot(before), Snapshot(after)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    /// <summary>
    /// A new invitation link for an account that has not chosen a password yet. The security stamp changes first, so the
    /// link sent before stops working: only the newest link is valid.
    /// </summary>
    public async Task<Invitation> ResendInvitationAsync(string id, string actor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException($"User {id} does not exist.");
        if (user.PasswordHash is not null)
        {
            throw new ConflictException("invitation", "InvitationAccepted");
        }

        if (AppUser.IsDisabled(user.LockoutEnd, clock.GetUtcNow()))
        {
            throw new ConflictException("invitation", "AccountDisabled");
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        Check(await users.UpdateSecurityStampAsync(user), "invitation");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "resend-invitation", "User", user.Id, null, null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Invitation(await GetAsync(id, cancellationToken), token);
    }

    /// <summary>
    /// A password reset token for the account with this e-mail, or null when there is no such account or it is disabled.
    /// The caller answers the same either way, so the form does not reveal which addresses have accounts. The token is
    /// Identity's reset token: it dies when the password is set (the security stamp changes) and after its lifespan.
    /// </summary>
    public async Task<Invitation?> RequestPasswordResetAsync(string? email, CancellationToken cancellationToken = default)
    {
        var address = email?.Trim() ?? string.Empty;
        if (address.Length == 0 || address.Length > 256 || !EmailAddresses.IsValid(address))
        {
            return null;
        }

        var user = await users.FindByEmailAsync(address);
        if (user is null || AppUser.IsDisabled(user.LockoutEnd, clock.GetUtcNow()))
        {
            return null;
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), "system:password-reset", "request-password-reset", "User", user.Id, null, null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Invitation(await GetAsync(user.Id, cancellationToken), token);
    }

    /// <summary>Sets the first password from an invitation link (or a new one from a reset token).</summary>
    public async Task SetPasswordAsync(string userId, string token, string password, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new ValidationFailedException([new ValidationError("token", "InvalidToken")]);
        if (AppUser.IsDisabled(user.LockoutEnd, clock.GetUtcNow()))
        {
            // A disabled account keeps no way back in through a link; an administrator has to enable it again.
            throw new ValidationFailedException([new ValidationError("token", "InvalidToken")]);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            throw new ValidationFailedException([.. result.Errors.Select(e => e.Code == "InvalidToken"
                ? new ValidationError("token", "InvalidToken")
                : new ValidationError("password", "Identity", e.Description))]);
        }

        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), user.Email ?? user.Id, "set-password", "User", user.Id, null, null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private (string Email, string? DisplayName, string Role, List<string> States) Validate(SaveUserRequest request)
    {
        var errors = new ValidationCollector();
        var fields = FieldRules.For(db.Model);
        var email = fields.Text<AppUser>(errors, "email", request.Email, nameof(AppUser.Email)) ?? string.Empty;
        if (email.Length == 0 && !errors.HasErrors)
        {
            errors.Add("email", "Required");
        }
        else if (email.Length > 0 && !EmailAddresses.IsValid(email))
        {
            errors.Add("email", "InvalidEmail");
        }

        var displayName = fields.Text<AppUser>(errors, "displayName", request.DisplayName, nameof(AppUser.DisplayName));

        var role = request.Role ?? string.Empty;
        if (!Roles.All.Contains(role))
        {
            errors.Add("role", string.IsNullOrEmpty(role) ? "Required" : "UnknownCode", role);
        }

        for (var i = 0; i < request.States.Count; i++)
        {
            if (request.States[i] is null)
            {
                errors.Add($"states[{i}]", "NullItem");
            }
        }

        var states = request.States.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList();
        for (var i = 0; i < states.Count; i++)
        {
            if (!StateCode.IsKnown(states[i]))
            {
                errors.Add($"states[{i}]", "UnknownState", states[i]);
            }
        }

        if (role == Roles.FocalPoint && states.Count == 0)
        {
            errors.Add("states", "FocalPointNeedsStates");
        }
        else if (role == Roles.Delegate && states.Count != 1)
        {
            errors.Add("states", "DelegateNeedsOneState");
        }
        else if (Roles.IsSecretariat(role) && states.Count > 0)
        {
            errors.Add("states", "SecretariatHasNoState");
        }

        errors.ThrowIfAny();
        return (email, displayName, role, states);
    }

    private UserSummary Summarise(AppUser user, string? role, IEnumerable<string> states) =>
        new(user.Id, user.Email ?? string.Empty, user.DisplayName, role, [.. states.Order(StringComparer.Ordinal)],
            AppUser.IsDisabled(user.LockoutEnd, clock.GetUtcNow()), user.TwoFactorEnabled, user.PasswordHash is not null);

    private static string Snapshot(UserSummary user) =>
        JsonSerializer.Serialize(new { user.Email, user.DisplayName, user.Role, user.States, user.Disabled });

    private static void Check(IdentityResult result, string field)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            // Another request changed the same account at the same moment (its concurrency stamp moved).
            throw ConflictException.ConcurrentChange(field);
        }

        if (!result.Succeeded)
        {
            throw new ValidationFailedException([.. result.Errors.Select(e => new ValidationError(field, "Identity", e.Description))]);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
