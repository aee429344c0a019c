using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RecoveryWatch.Analytics;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Identity;
using RecoveryWatch.Meetings;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Data;

public sealed class RecoveryWatchDbContext(DbContextOptions<RecoveryWatchDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<AssetMeasure> Measures => Set<AssetMeasure>();
    public DbSet<CaseState> CaseStates => Set<CaseState>();
    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();
    public DbSet<CountedFigure> CountedFigures => Set<CountedFigure>();
    public DbSet<StatisticsCell> StatisticsCells => Set<StatisticsCell>();
    public DbSet<CaseSearchRow> CaseSearchRows => Set<CaseSearchRow>();
    public DbSet<CaseSearchTerm> CaseSearchTerms => Set<CaseSearchTerm>();
    public DbSet<CaseSearchStage> CaseSearchStages => Set<CaseSearchStage>();
    public DbSet<CaseSearchYear> CaseSearchYears => Set<CaseSearchYear>();
    public DbSet<CaseSearchAmount> CaseSearchAmounts => Set<CaseSearchAmount>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StateRecord> States => Set<StateRecord>();
    public DbSet<CurrencyRecord> Currencies => Set<CurrencyRecord>();
    public DbSet<Body> Bodies => Set<Body>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingDocument> Documents => Set<MeetingDocument>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<SilenceProcedure> SilenceProcedures => Set<SilenceProcedure>();
    public DbSet<Collection.InformationRound> Rounds => Set<Collection.InformationRound>();
    public DbSet<Collection.Submission> Submissions => Set<Collection.Submission>();
    public DbSet<Knowledge.ChallengeType> ChallengeTypes => Set<Knowledge.ChallengeType>();
    public DbSet<Knowledge.StateChallenge> StateChallenges => Set<Knowledge.StateChallenge>();
    public DbSet<Knowledge.GoodPractice> GoodPractices => Set<Knowledge.GoodPractice>();
    public DbSet<Knowledge.PracticeAttachment> PracticeAttachments => Set<Knowledge.PracticeAttachment>();

    /// <summary>Whether the database is PostgreSQL (the production engine) rather than SQLite.</summary>
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Begins the transaction of one write (one use-case step). On PostgreSQL it first takes the writers' lock, the same
    /// one the audit chain needs, so writes that audit are serialised in one order and cannot deadlock on each other's rows;
    /// SQLite's <c>BEGIN IMMEDIATE</c> already serialises writers. Races between two app instances are still decided by the
    /// data (concurrency tokens, conditional updates, unique indexes), never by this lock alone: a request that read
    /// before it began writing finds out here that it lost.
    /// </summary>
    public async Task<IDbContextTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await TakeWritersLockAsync(cancellationToken);
        return transaction;
    }

    private Task TakeWritersLockAsync(CancellationToken cancellationToken) =>
        IsPostgres ? Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7282020)", cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Saves one step of a use case. In the same transaction it seals new audit entries into the hash chain and rebuilds
    /// the counted figures (<see cref="CountingRule"/>) and the search read model (<see cref="CaseSearchIndex"/>) of every
    /// case whose own fields or searched details changed, so statistics and search can never disagree with the cases; a
    /// lost race becomes a <see cref="ConflictException"/>.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var added = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        // One scan of the tracker (each Entries() call detects changes over every tracked entity: 100,000 rows on a big import).
        var changedCaseParts = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is Case or AssetMeasure or CaseState or Proceeding or CaseOffence or CaseChallenge)
            .ToList();
        var touched = changedCaseParts.Select(e => e.Entity).ToList();
        var statistics = StatisticsCellUpkeep.Touched(changedCaseParts);
        if (added.Count == 0 && touched.Count == 0 && statistics.Count == 0)
        {
            return await SaveTranslatingConflictsAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (added.Count > 0)
            {
                await SealAsync(added, cancellationToken);
            }

            // What the cases added to the statistics cells before this save, read before it changes them (under the writers'
            // lock, so no other write to them interleaves); the difference is applied after the counted figures are rebuilt.
            Dictionary<CellKey, CellValue>? cellsBefore = null;
            if (statistics.Count > 0)
            {
                await TakeWritersLockAsync(cancellationToken);
                cellsBefore = await StatisticsCellUpkeep.ContributionsAsync(this, StatisticsCellUpkeep.CaseIds(statistics), cancellationToken);
            }

            var result = await SaveTranslatingConflictsAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (touched.Count > 0)
            {
                // Ids are known only now, for cases added by this save.
                var caseIds = touched.Select(e => e switch
                {
                    Case c => c.Id,
                    AssetMeasure m => m.CaseId,
                    CaseState s => s.CaseId,
                    Proceeding p => p.CaseId,
                    CaseOffence o => o.CaseId,
                    _ => ((CaseChallenge)e).CaseId,
                }).Distinct().ToList();
                // Writers queue on PostgreSQL, so two rebuilds of one case never interleave (SQLite serialises writers).
                await TakeWritersLockAsync(cancellationToken);
                await CountingRule.RebuildAsync(this, caseIds, cancellationToken);
                await SaveTranslatingConflictsAsync(acceptAllChangesOnSuccess, cancellationToken);
                DetachDerived();
                // The search rows read the counted figures just stored.
                await CaseSearchIndex.RebuildAsync(this, caseIds, cancellationToken);
                await SaveTranslatingConflictsAsync(acceptAllChangesOnSuccess, cancellationToken);
                DetachDerived();
            }

            if (cellsBefore is not null)
            {
                // Ids of cases added by this save are known only now.
                await StatisticsCellUpkeep.ApplyAsync(this, cellsBefore, await StatisticsCellUpkeep.ContributionsAsync(this, StatisticsCellUpkeep.CaseIds(statistics), cancellationToken), cancellationToken);
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return result;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>Derived rows are written, never read back through this context: they leave the change tracker once stored.</summary>
    private void DetachDerived()
    {
        foreach (var entry in ChangeTracker.Entries().Where(e => e.Entity is CountedFigure or CaseSearchRow or CaseSearchTerm or CaseSearchStage or CaseSearchYear or CaseSearchAmount).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private async Task SealAsync(List<AuditEntry> added, CancellationToken cancellationToken)
    {
        // One writer extends the chain at a time; the unique sequence makes a fork impossible even without the lock.
        await TakeWritersLockAsync(cancellationToken);
        var last = await AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        var previous = last?.Hash ?? AuditEntry.Genesis;
        var sequence = last?.Sequence ?? 0;
        // The order the entries were written in the code, not the order EF happens to insert them.
        foreach (var entry in added.OrderBy(e => e.CreationOrder))
        {
            entry.Seal(previous, ++sequence);
            previous = entry.Hash;
        }
    }

    private async Task<int> SaveTranslatingConflictsAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception) when (!exception.Entries.All(e => e.Entity is Microsoft.AspNetCore.Identity.IdentityUser
            || e.Entity.GetType().Namespace == typeof(Microsoft.AspNetCore.Identity.IdentityRole).Namespace))
        {
            // ASP.NET Core Identity's stores catch this exception themselves and answer with a ConcurrencyFailure result
            // (two wrong passwords at once, say), so it is left to them for their entities.
            throw new ConflictException("record", "ConcurrentChange", exception);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.UniqueViolation(exception, Model) is { } field)
        {
            throw new ConflictException(field, "AlreadyExists", exception);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsSerializationFailure(exception))
        {
            throw new ConflictException("record", "ConcurrentChange", exception);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database stays readable and reordering an enum never changes stored meaning.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RecoveryWatchDbContext).Assembly);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(200);

        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite has no decimal type: EF stores decimals as TEXT, exact but not comparable in SQL. The US-dollar figure is
            // a derived value used for filtering and sorting, so on SQLite it is stored as REAL; amounts of record stay TEXT.
            builder.Entity<AssetMeasure>().Property(m => m.UsdAmount).HasConversion<double?>();
            builder.Entity<CountedFigure>().Property(f => f.UsdTotal).HasConversion<double?>();
            builder.Entity<CaseSearchStage>().Property(s => s.UsdTotal).HasConversion<double?>();
            builder.Entity<CaseSearchAmount>().Property(a => a.Usd).HasConversion<double>();
        }
    }
}

/// <summary>A State (or the European Union) of the reference data, kept in the database for referential integrity.</summary>
public sealed class StateRecord
{
    public required string Code { get; set; }
    public RegionalGroup? RegionalGroup { get; set; }
    public bool UncacParty { get; set; }
    public required string NameEn { get; set; }
}

public sealed class CurrencyRecord
{
    public required string Code { get; set; }
    public int MinorUnits { get; set; }
    public required string NameEn { get; set; }
}
