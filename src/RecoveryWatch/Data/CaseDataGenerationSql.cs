using Microsoft.EntityFrameworkCore.Migrations;

namespace RecoveryWatch.Data;

/// <summary>
/// The triggers that raise the <see cref="CaseDataGeneration"/>, for both engines: the only raw SQL of the migrations. A
/// migration calls <see cref="Up"/> at the end of its Up (after the generation's table and row exist) and <see cref="Down"/>
/// at the start of its Down, one line each.
/// </summary>
/// <remarks>
/// Triggers rather than code in SaveChanges: ExecuteUpdate, ExecuteDelete and raw SQL bypass SaveChanges, and the
/// generation must move in the same transaction as the change whatever wrote it. SQLite has row triggers only (one small
/// update of one row per changed row; writers are serialised anyway); PostgreSQL runs one statement trigger per statement,
/// which also fires for statements that change nothing (a harmless extra bump: the caches just fill again). To cover a new
/// table, add it to <see cref="Tables"/> and call <c>Up(migrationBuilder, "NewTable")</c> in the migration that creates it
/// (a migration already applied keeps the list it was written with).
/// </remarks>
public static class CaseDataGenerationSql
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string Bump = $"UPDATE \"{CaseDataGeneration.TableName}\" SET \"Value\" = \"Value\" + 1 WHERE \"Id\" = 1;";
    private const string PostgresFunction = "CaseDataGeneration_bump";
    private const string TriggerPrefix = "CaseDataGeneration_";

    /// <summary>
    /// Every table whose rows a public read (case list and facets, case page, statistics and their charts, exports,
    /// codebook) shows or counts: the cases and their details, the counted figures, the exchange rates (US-dollar figures
    /// and their sources), the challenge labels, the reference States (regional groups) and currencies, and the rounds
    /// with the States asked (coverage statistics). Audit entries, users and drafts are not public reads and are left out.
    /// </summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "Cases", "CaseStates", "CaseOffence", "Proceeding", "Measures", "Victim", "ThirdPartyClaim", "CaseChallenge", "CaseSource",
        "CountedFigures", "ExchangeRates", "ChallengeTypes", "ReferenceStates", "ReferenceCurrencies", "Rounds", "RoundStates",
    ];

    /// <summary>
    /// Tables derived from a case that need no trigger of their own: the search read model, rewritten only by the save that
    /// changes the case or one of its details (which fires the triggers above, in the same transaction), or by a rebuild
    /// that gives the same rows. Leaving them out spares every write dozens of bumps on SQLite, whose triggers fire per row.
    /// </summary>
    public static readonly IReadOnlyList<string> DerivedWithTheirCase =
    [
        "CaseSearchRows", "CaseSearchTerms", "CaseSearchStages", "CaseSearchYears", "CaseSearchAmounts",
    ];

    private static readonly string[] SqliteEvents = ["INSERT", "UPDATE", "DELETE"];

    /// <summary>Installs (or reinstalls: it is idempotent) the triggers on the given tables, all of <see cref="Tables"/> by default.</summary>
    public static void Up(MigrationBuilder migrationBuilder, params string[] tables)
    {
        foreach (var sql in UpStatements(IsSqlite(migrationBuilder), tables.Length == 0 ? Tables : tables))
        {
            migrationBuilder.Sql(sql);
        }
    }

    /// <summary>Removes the triggers from the given tables, all of <see cref="Tables"/> by default (and, on PostgreSQL, the
    /// function when all go).</summary>
    public static void Down(MigrationBuilder migrationBuilder, params string[] tables)
    {
        foreach (var sql in DownStatements(IsSqlite(migrationBuilder), tables.Length == 0 ? Tables : tables, dropFunction: tables.Length == 0))
        {
            migrationBuilder.Sql(sql);
        }
    }

    public static IEnumerable<string> UpStatements(bool sqlite, IEnumerable<string> tables)
    {
        if (!sqlite)
        {
            yield return $"""
                CREATE OR REPLACE FUNCTION "{PostgresFunction}"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Bump}
                    RETURN NULL;
                END $$;
                """;
        }

        foreach (var table in tables)
        {
            if (sqlite)
            {
                foreach (var operation in SqliteEvents)
                {
                    var name = SqliteTrigger(table, operation);
                    yield return $"DROP TRIGGER IF EXISTS \"{name}\";";
                    yield return $"CREATE TRIGGER \"{name}\" AFTER {operation} ON \"{table}\" BEGIN {Bump} END;";
                }
            }
            else
            {
                // One bump per statement, TRUNCATE included; AFTER so that a statement that fails bumps nothing.
                yield return $"DROP TRIGGER IF EXISTS \"{TriggerPrefix}{table}\" ON \"{table}\";";
                yield return $"CREATE TRIGGER \"{TriggerPrefix}{table}\" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \"{table}\" "
                    + $"FOR EACH STATEMENT EXECUTE FUNCTION \"{PostgresFunction}\"();";
            }
        }
    }

    public static IEnumerable<string> DownStatements(bool sqlite, IEnumerable<string> tables, bool dropFunction)
    {
        foreach (var table in tables)
        {
            if (sqlite)
            {
                foreach (var operation in SqliteEvents)
                {
                    yield return $"DROP TRIGGER IF EXISTS \"{SqliteTrigger(table, operation)}\";";
                }
            }
            else
            {
                yield return $"DROP TRIGGER IF EXISTS \"{TriggerPrefix}{table}\" ON \"{table}\";";
            }
        }

        if (!sqlite && dropFunction)
        {
            yield return $"DROP FUNCTION IF EXISTS \"{PostgresFunction}\"();";
        }
    }

    /// <summary>A query (one column named Value) counting the generation's triggers in the database's catalogue.</summary>
    public static string CountTriggers(bool postgres) => postgres
        ? $"SELECT COUNT(*)::int AS \"Value\" FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal AND p.proname = '{PostgresFunction}' AND t.tgname LIKE '{TriggerPrefix}%'"
        : $"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{TriggerPrefix}%'";

    public static int ExpectedTriggers(bool postgres) => postgres ? Tables.Count : Tables.Count * SqliteEvents.Length;

    /// <summary>The name of the trigger that fires after <paramref name="operation"/> (INSERT, UPDATE, DELETE) on the table (SQLite).</summary>
    public static string SqliteTrigger(string table, string operation) => $"{TriggerPrefix}{table}_{operation.ToLowerInvariant()}";

    private static bool IsSqlite(MigrationBuilder migrationBuilder) => migrationBuilder.ActiveProvider == SqliteProvider;
}
