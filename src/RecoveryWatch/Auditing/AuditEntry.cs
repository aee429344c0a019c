namespace RecoveryWatch.Auditing;

/// <summary>One change to stored data: who, what, when, the values before and after (JSON). Rows are only ever added.</summary>
public sealed class AuditEntry
{
    public AuditEntry(DateTimeOffset at, string actor, string action, string entityType, string entityId, string? oldValues, string? newValues)
    {
        At = at;
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        OldValues = oldValues;
        NewValues = newValues;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; }
    public string Action { get; private set; }
    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    public string? OldValues { get; private set; }
    public string? NewValues { get; private set; }
}
