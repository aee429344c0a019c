using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Data;

namespace RecoveryWatch.Analytics;

/// <summary>
/// Regenerates every counted figure from the cases with <see cref="CountingRule"/>, and the search read model from both
/// (<see cref="Cases.CaseSearchIndex"/>), in one transaction: after the rule changes, or for a database that predates them.
/// Day to day they are kept by every write to a case; tests compare this rebuild with what the writes left.
/// </summary>
public sealed class RebuildCountedFigures(RecoveryWatchDbContext db, TimeProvider clock)
{
    private const int Batch = 1000;

    /// <param name="progress">Told the number of cases done after each batch.</param>
    public async Task<int> HandleAsync(string actor, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        // Case by case in batches: each batch's rows are replaced (CountingRule.RebuildAsync deletes them first), and rows of
        // cases that no longer exist went with their case (cascade).
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var done = 0;
        var last = 0;
        while (true)
        {
            var ids = await db.Cases.AsNoTracking().Where(c => c.Id > last).OrderBy(c => c.Id).Select(c => c.Id).Take(Batch).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            await CountingRule.RebuildAsync(db, ids, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await Cases.CaseSearchIndex.RebuildAsync(db, ids, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            last = ids[^1];
            done += ids.Count;
            progress?.Report(done);
        }

        await SearchIndexSql.PruneTextAsync(db, cancellationToken);
        // The statistics cells add up the figures across cases: rebuilt once from the new figures.
        await StatisticsCellUpkeep.RebuildAllAsync(db, cancellationToken);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, "rebuild-figures", nameof(CountedFigure), "*", null,
            string.Create(CultureInfo.InvariantCulture, $"{{\"cases\":{done}}}")));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return done;
    }
}
