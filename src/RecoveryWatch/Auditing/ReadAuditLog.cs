using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Data;

namespace RecoveryWatch.Auditing;

public sealed record AuditItem(long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, string? OldValues, string? NewValues, string Hash);

public sealed record AuditPage(IReadOnlyList<AuditItem> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}

/// <summary>
/// Which entries to read. <see cref="Actor"/> matches any part of the actor's name or e-mail, ignoring case; the others
/// match exactly. <see cref="From"/> and <see cref="To"/> are UTC days, both included.
/// </summary>
public sealed record AuditFilter
{
    public string? Actor { get; init; }
    public string? Action { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
}

/// <summary>Reads the audit log newest first, a page at a time: all of it (administrators) or one record's history (the Secretariat).</summary>
public sealed class ReadAuditLog(RecoveryWatchDbContext db)
{
    public const int PageSize = 50;
    public const int MaxPageSize = 200;

    public Task<AuditPage> HandleAsync(string? entityType, string? entityId, int page, CancellationToken cancellationToken = default) =>
        HandleAsync(new AuditFilter { EntityType = entityType, EntityId = entityId }, page, PageSize, cancellationToken);

    public async Task<AuditPage> HandleAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        // Bounded like the other lists: a page number past the end shows the last page, not an empty one or an overflow.
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Clamp(page, 1, 1_000_000);
        var query = db.AuditEntries.AsNoTracking();
        var start = filter.From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        var end = filter.To is { } to && to < DateOnly.MaxValue ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        if ((start is not null || end is not null) && !db.IsPostgres)
        {
            // EF cannot compare DateTimeOffset on SQLite, where it is stored as text ("2025-01-10 09:30:00.123+00:00"). Every
            // entry is written in UTC (see AuditEntry), so that text sorts in time order and a day's start compares as a prefix.
            var low = start?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "0";
            var high = end?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "A";
            query = db.AuditEntries.FromSql($"SELECT * FROM \"AuditEntries\" WHERE \"At\" >= {low} AND \"At\" < {high}").AsNoTracking();
        }
        else
        {
            if (start is { } startAt)
            {
                query = query.Where(a => a.At >= startAt);
            }

            if (end is { } endAt)
            {
                query = query.Where(a => a.At < endAt);
            }
        }

        if (Blank(filter.Actor) is { } actor)
        {
            var lowered = actor.ToLowerInvariant();
            // Runs in the database as lower(): the same on SQLite and PostgreSQL for the addresses and names stored here.
#pragma warning disable CA1304, CA1311
            query = query.Where(a => a.Actor.ToLower().Contains(lowered));
#pragma warning restore CA1304, CA1311
        }

        if (Blank(filter.Action) is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (Blank(filter.EntityType) is { } entityType)
        {
            query = query.Where(a => a.EntityType == entityType);
        }

        if (Blank(filter.EntityId) is { } entityId)
        {
            query = query.Where(a => a.EntityId == entityId);
        }

        var total = await query.CountAsync(cancellationToken);
        page = Math.Min(page, Math.Max(1, (total + pageSize - 1) / pageSize));
        var items = await query.OrderByDescending(a => a.Sequence).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new AuditItem(a.Id, a.At, a.Actor, a.Action, a.EntityType, a.EntityId, a.OldValues, a.NewValues, a.Hash))
            .ToListAsync(cancellationToken);
        return new AuditPage(items, total, page, pageSize);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
