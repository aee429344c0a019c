using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;

namespace RecoveryWatch.Auditing;

/// <summary>The outcome of checking the chain; <paramref name="Reason"/> is a code (Reordered, Altered) translated where it is shown.</summary>
public sealed record AuditVerification(bool Intact, int Checked, long? BrokenAt, string? Reason, string? LastHash);

/// <summary>Checks the audit log's hash chain from the first row to the last. Any altered, inserted or removed row in the
/// middle breaks it. Removing rows from the end can only be seen against a copy of the last hash kept elsewhere, which the
/// audit page shows for that purpose.</summary>
public sealed class AuditChain(RecoveryWatchDbContext db)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var previous = AuditEntry.Genesis;
        var count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (entry.PreviousHash != previous)
            {
                return new AuditVerification(false, count, entry.Id, "Reordered", previous);
            }

            if (entry.ComputeHash() != entry.Hash)
            {
                return new AuditVerification(false, count, entry.Id, "Altered", previous);
            }

            previous = entry.Hash;
        }

        return new AuditVerification(true, count, null, null, previous);
    }
}
