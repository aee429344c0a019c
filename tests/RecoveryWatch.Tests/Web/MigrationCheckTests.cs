using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecoveryWatch.Data;
using RecoveryWatch.Tests.Infrastructure;

namespace RecoveryWatch.Tests.Web;

/// <summary>The start's quick look at the migration history, which decides whether MigrateAsync runs at all.</summary>
public abstract class MigrationCheckTests(RecoveryWatchApp app)
{
    [Fact]
    public async Task The_check_says_no_for_a_database_missing_any_migration_of_the_build_and_yes_for_an_up_to_date_one()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        var db = scope.ServiceProvider.GetRequiredService<RecoveryWatchDbContext>();
        Assert.True(await initializer.AllMigrationsAppliedAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        // Not the newest one: a migration that a branch merged in below the others counts as much.
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        var forgotten = applied[applied.Count / 2];
        var version = await db.Database.SqlQueryRaw<string>("""SELECT "ProductVersion" AS "Value" FROM "__EFMigrationsHistory" WHERE "MigrationId" = {0}""", forgotten).SingleAsync();
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = {0}""", forgotten);
        try
        {
            Assert.False(await initializer.AllMigrationsAppliedAsync());
            Assert.Equal([forgotten], await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ({0}, {1})""", forgotten, version);
        }

        Assert.True(await initializer.AllMigrationsAppliedAsync());
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "__EFMigrationsHistory" RENAME TO "__EFMigrationsHistoryAway" """);
        try
        {
            Assert.False(await initializer.AllMigrationsAppliedAsync());
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "__EFMigrationsHistoryAway" RENAME TO "__EFMigrationsHistory" """);
        }
    }
}

public sealed class SqliteMigrationCheckTests(SqliteApp app) : MigrationCheckTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresMigrationCheckTests(PostgresApp app) : MigrationCheckTests(app), IClassFixture<PostgresApp>;
