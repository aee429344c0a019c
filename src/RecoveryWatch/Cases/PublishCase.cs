using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Auditing;
using RecoveryWatch.Common;
using RecoveryWatch.Data;

namespace RecoveryWatch.Cases;

/// <summary>
/// The Secretariat's explicit step that makes a draft case public. Validating a State's answer only proposes a case (a
/// draft with a proposed summary and the submission as its source); nothing a State reports reaches the public before an
/// analyst has read it and published it here.
/// </summary>
/// <remarks>
/// The case is read inside the write transaction and its status changed under its version token: of two clicks, or two
/// app instances, one publishes and the other is refused with a 409 (already published, or changed meanwhile).
/// </remarks>
public sealed class PublishCase(RecoveryWatchDbContext db, TimeProvider clock)
{
    public async Task HandleAsync(int id, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var entity = await SaveCase.LoadWholeCase(db.Cases, id, cancellationToken) ?? throw new NotFoundException($"Case {id} does not exist.");
        if (entity.Status == CaseStatus.Published)
        {
            throw new ConflictException("status", "AlreadyPublished");
        }

        var errors = CaseRules.PublishingErrors(entity.Summary, entity.SummaryVisibility, entity.Sources.Select(s => s.Visibility));
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var before = SaveCase.Snapshot(entity);
        entity.Publish(now);
        db.AuditEntries.Add(new AuditEntry(now, actor, "publish", nameof(Case), id.ToString(CultureInfo.InvariantCulture), before, SaveCase.Snapshot(entity)));
        // The counted figures of the case are rebuilt with its new status in this same save (statistics follow at once).
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
