using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;

namespace RecoveryWatch.Auditing;

public sealed record AuditItem(long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, string? OldValues, string? NewValues, string Hash);

public sealed record AuditPage(IReadOnlyList<AuditItem> Items, int Total, int Page, int PageSize);

/// <summary>Reads the audit log newest first: all of it (administrators) or one record's history (the Secretariat).</summary>
public sealed class ReadAuditLog(RecoveryWatchDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditPage> HandleAsync(string? entityType, string? entityId, int page, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        var query = db.AuditEntries.AsNoTracking();
        if (entityType is not null)
        {
            query = query.Where(a => a.EntityType == entityType);
        }

        if (entityId is not null)
        {
            query = query.Where(a => a.EntityId == entityId);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.Sequence).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new AuditItem(a.Id, a.At, a.Actor, a.Action, a.EntityType, a.EntityId, a.OldValues, a.NewValues, a.Hash))
            .ToListAsync(cancellationToken);
        return new AuditPage(items, total, page, PageSize);
    }
}
