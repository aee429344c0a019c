using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RecoveryWatch.Auditing;

/// <summary>
/// One change to stored data: who, what, when, the values before and after (JSON). Rows are only ever added, and each
/// carries the SHA-256 of its content chained to the previous row's hash, so that altering or removing a row breaks the
/// chain (<see cref="AuditChain"/>). The chain is sealed by the DbContext when the row is saved.
/// </summary>
public sealed class AuditEntry
{
    private static long _created;

    /// <summary>The "previous hash" of the first row.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public AuditEntry(DateTimeOffset at, string actor, string action, string entityType, string entityId, string? oldValues, string? newValues)
    {
        // Microsecond precision: what PostgreSQL stores, so the hash recomputed from a read row matches.
        At = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        OldValues = oldValues;
        NewValues = newValues;
        CreationOrder = Interlocked.Increment(ref _created);
    }

    public long Id { get; private set; }

    /// <summary>
    /// The entry's place in the chain (1, 2, 3…), unique in the database. The chain is checked in this order, not in the order
    /// of <see cref="Id"/>: EF may insert the entries of one save in another order than they were sealed, and the unique
    /// index refuses a second entry claiming the same place, so two writers can never fork the chain.
    /// </summary>
    public long Sequence { get; private set; }

    /// <summary>When the entry was made in this process, to seal the entries of one save in the order the code wrote them.</summary>
    internal long CreationOrder { get; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; }
    public string Action { get; private set; }
    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    public string? OldValues { get; private set; }
    public string? NewValues { get; private set; }
    public string PreviousHash { get; private set; } = Genesis;
    public string Hash { get; private set; } = string.Empty;

    internal void Seal(string previousHash, long sequence)
    {
        PreviousHash = previousHash;
        Sequence = sequence;
        Hash = ComputeHash();
    }

    /// <summary>SHA-256 (hex) of the previous hash and every field, serialised as a JSON array so fields cannot run together.</summary>
    public string ComputeHash()
    {
        var canonical = JsonSerializer.Serialize(new[]
        {
            PreviousHash,
            At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            Actor,
            Action,
            EntityType,
            EntityId,
            OldValues,
            NewValues,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
