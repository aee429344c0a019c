using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Data;

/// <summary>Brings a database up to date: migrations, then reference data, then (on an empty database) demo data.</summary>
public sealed class DatabaseInitializer(RecoveryWatchDbContext db, SeedDemoCases seedDemo, Meetings.LoadMeetingSeed loadMeeting, Collection.SeedDemoRound seedDemoRound,
    Analytics.RebuildCountedFigures rebuildCountedFigures, Knowledge.SeedDemoLegalFrameworks seedDemoFrameworks,
    Knowledge.SeedDemoAssistance seedDemoAssistance,
    Knowledge.SeedDemoPractices seedDemoPractices)
{
    public const string SystemActor = "system";

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        // An up-to-date database (every start but the first after an upgrade) skips Migrate, which since EF Core 9 takes the
        // migration lock and compares the whole model with the snapshot on every call: a fixed few hundred milliseconds of
        // start-up (issue 9: healthy within 3 s) for nothing to apply. Pending model changes are caught by the test suite.
        if (!await AllMigrationsAppliedAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await LoadReferenceDataAsync(cancellationToken);
        await loadMeeting.HandleAsync(cancellationToken);
        // A database whose cases predate the counted figures or the search read model gets them once; afterwards every write
        // keeps them. Two existence checks on indexes: no work proportional to the data on a normal start.
        if ((!await db.CountedFigures.AnyAsync(cancellationToken) && await db.Measures.AnyAsync(cancellationToken))
            || (!await db.CaseSearchRows.AnyAsync(cancellationToken) && await db.Cases.AnyAsync(cancellationToken)))
        {
            await rebuildCountedFigures.HandleAsync(SystemActor, cancellationToken: cancellationToken);
        }

        // Likewise the statistics cells of a database whose figures predate them (rebuild-figures rebuilds both).
        else if (!await db.StatisticsCells.AnyAsync(cancellationToken) && await db.CountedFigures.AnyAsync(cancellationToken))
        {
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            await Analytics.StatisticsCellUpkeep.RebuildAllAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Whether the history table lists every migration of this build. Read with one plain query rather than
    /// <c>GetPendingMigrationsAsync</c>, which builds a model of the history table with EF's full set of conventions: about
    /// half a second of every start, while the app's own model is compiled. Any doubt (no database or history table yet, an
    /// unreadable one) answers no, and <c>MigrateAsync</c>, which checks properly, decides.
    /// </summary>
    public async Task<bool> AllMigrationsAppliedAsync(CancellationToken cancellationToken = default)
    {
        var expected = db.GetService<IMigrationsAssembly>().Migrations.Keys;
        var applied = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            // Inside the try: a PostgreSQL database that does not exist yet cannot be opened, and MigrateAsync creates it.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            // Quoted identifiers: the same text on SQLite and PostgreSQL, and EF's default history table on both.
            command.CommandText = $"""SELECT "MigrationId" FROM "{HistoryRepository.DefaultTableName}" """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return expected.All(applied.Contains);
    }

    public async Task InitializeAsync(bool loadDemo, CancellationToken cancellationToken = default)
    {
        await MigrateAsync(cancellationToken);
        if (loadDemo && !await db.Cases.AnyAsync(cancellationToken))
        {
            await seedDemo.HandleAsync(SeedDemoCases.DefaultCount, SeedDemoCases.DefaultSeed, SystemActor, cancellationToken: cancellationToken);
            await seedDemoRound.HandleAsync(cancellationToken);
            await seedDemoFrameworks.HandleAsync(cancellationToken);
            await seedDemoPractices.HandleAsync(SystemActor, cancellationToken);
        }

        if (loadDemo && await db.Cases.AnyAsync(c => c.IsSynthetic, cancellationToken))
        {
            // Idempotent: demo needs go only into a demo database (one with synthetic cases) that has no needs yet, including
            // one whose demo cases predate them; a real database never receives synthetic needs.
            await seedDemoAssistance.HandleAsync(cancellationToken);
        }
    }

    /// <summary>Adds reference States and currencies that are missing and refreshes the others from the versioned files.</summary>
    public async Task LoadReferenceDataAsync(CancellationToken cancellationToken = default)
    {
        var catalog = ReferenceCatalog.Default;
        var states = await db.States.ToDictionaryAsync(s => s.Code, cancellationToken);
        foreach (var state in catalog.States.Values)
        {
            if (!states.TryGetValue(state.Code, out var record))
            {
                record = new StateRecord { Code = state.Code, NameEn = state.Name("en") };
                db.States.Add(record);
            }

            record.NameEn = state.Name("en");
            record.RegionalGroup = state.Group;
            record.UncacParty = state.UncacParty;
        }

        var currencies = await db.Currencies.ToDictionaryAsync(c => c.Code, cancellationToken);
        foreach (var currency in catalog.Currencies.Values)
        {
            if (!currencies.TryGetValue(currency.Code, out var record))
            {
                record = new CurrencyRecord { Code = currency.Code, NameEn = currency.Name };
                db.Currencies.Add(record);
            }

            record.NameEn = currency.Name;
            record.MinorUnits = currency.MinorUnits;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
