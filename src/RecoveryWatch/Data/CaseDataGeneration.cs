using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RecoveryWatch.Data;

/// <summary>
/// The case data generation: one row whose <see cref="Value"/> the database itself raises, by triggers on every table a
/// public read shows or counts (<see cref="CaseDataGenerationSql.Tables"/>), in the transaction of the change. Public reads
/// are cached and answered with 304 under it: a cached answer belongs to one generation, so any change to a case, its
/// details, its counted figures, the rates or the labels the pages show makes every cached answer unreachable, on every
/// app instance at once, whichever code path (SaveChanges, ExecuteUpdate, ExecuteDelete, raw SQL) made the change.
/// </summary>
/// <remarks>
/// Why a row updated in the writer's transaction and not a sequence: a sequence moves before the commit, so a reader could
/// take the new number, still read the old data and cache it under the new number for good. The row moves only when the
/// change commits, so a reader that sees the new value reads the new data in its next statements (each statement of a
/// read sees at least what the one before it saw). Two writers queue on the row lock (PostgreSQL) or on the database
/// lock (SQLite): no bump is lost and the value only grows.
/// </remarks>
public sealed class CaseDataGeneration
{
    public const string TableName = "CaseDataGeneration";
    public const int RowId = 1;

    public int Id { get; set; }

    public long Value { get; set; }

    /// <summary>The current generation (one read of one row by its key), or null when the row is missing, in which case
    /// nothing may be cached.</summary>
    public static Task<long?> ReadAsync(RecoveryWatchDbContext db, CancellationToken cancellationToken = default) =>
        db.Set<CaseDataGeneration>().AsNoTracking().Where(g => g.Id == RowId).Select(g => (long?)g.Value).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether every trigger of <see cref="CaseDataGenerationSql"/> is in the database (a catalogue read): without
    /// them a cached answer would outlive the data it shows.</summary>
    public static async Task<bool> TriggersInstalledAsync(RecoveryWatchDbContext db, CancellationToken cancellationToken = default)
    {
        var found = await db.Database.SqlQueryRaw<int>(CaseDataGenerationSql.CountTriggers(db.IsPostgres)).SingleAsync(cancellationToken);
        return found == CaseDataGenerationSql.ExpectedTriggers(db.IsPostgres);
    }
}

internal sealed class CaseDataGenerationConfiguration : IEntityTypeConfiguration<CaseDataGeneration>
{
    public void Configure(EntityTypeBuilder<CaseDataGeneration> builder)
    {
        builder.ToTable(CaseDataGeneration.TableName);
        builder.Property(g => g.Id).ValueGeneratedNever();
        // The one row exists from the migration on: the triggers only update it.
        builder.HasData(new CaseDataGeneration { Id = CaseDataGeneration.RowId, Value = 0 });
    }
}
