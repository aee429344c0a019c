using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RecoveryWatch.Analytics;
using RecoveryWatch.Auditing;
using RecoveryWatch.Cases;
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

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>Seals new audit entries into the hash chain in the same transaction as the change they record.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var added = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                // One writer extends the chain at a time; SQLite already serialises writers.
                await Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7282020)", cancellationToken);
            }

            var previous = await AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(cancellationToken)
                ?? AuditEntry.Genesis;
            foreach (var entry in added)
            {
                entry.Seal(previous);
                previous = entry.Hash;
            }

            var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database stays readable and reordering an enum never changes stored meaning.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RecoveryWatchDbContext).Assembly);

        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite has no decimal type: EF stores decimals as TEXT, exact but not comparable in SQL. The US-dollar figure is
            // a derived value used for filtering and sorting, so on SQLite it is stored as REAL; amounts of record stay TEXT.
            builder.Entity<AssetMeasure>().Property(m => m.UsdAmount).HasConversion<double?>();
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
