using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;

namespace RecoveryWatch.Identity;

/// <summary>
/// An account as the database has it now: what a signed-in request must be checked against, since a cookie or bearer
/// token only carries a copy taken when its owner signed in.
/// </summary>
/// <param name="SecurityStamp">Changes when the account is disabled, its password is set or its two-step sign-in
/// changes; a session signed in under another stamp has ended.</param>
public sealed record AccountStanding(string? SecurityStamp, bool Disabled, IReadOnlyList<string> Roles, IReadOnlyList<string> States)
{
    /// <summary>The account with its roles and States in one query, by primary key and the indexed user ids of the role
    /// and claim tables; null when the account does not exist (any more).</summary>
    public static async Task<AccountStanding?> LoadAsync(RecoveryWatchDbContext db, string userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                States = db.UserClaims.Where(c => c.UserId == u.Id && c.ClaimType == RecoveryWatchClaims.State).Select(c => c.ClaimValue!).ToList(),
            })
            // One round trip: an account has one role and a handful of States, so the joined rows stay few.
            .AsSingleQuery()
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : new AccountStanding(row.SecurityStamp, AppUser.IsDisabled(row.LockoutEnd, now), row.Roles, row.States);
    }
}
