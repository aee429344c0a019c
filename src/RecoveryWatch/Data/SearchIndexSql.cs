using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace RecoveryWatch.Data;

/// <summary>
/// The full-text indexes of the case search, which EF Core cannot describe in the model: the one place their SQL lives. Each
/// migrations project calls <see cref="SqliteUp"/>/<see cref="SqliteDown"/> or <see cref="PostgresUp"/>/<see cref="PostgresDown"/>
/// in one line, in the migration that creates the search read model.
/// <para>Both index the lower-cased <c>TitleSearch</c> and <c>SummarySearch</c> of the cases (lower-cased in C# with the
/// invariant culture, so Cyrillic and Greek match whatever their case; Arabic and Chinese have none), by trigrams: a
/// substring of three characters or more is found whatever the language, including Chinese, whose words are not separated
/// by spaces. Shorter queries fall back to a scan of the same columns.</para>
/// </summary>
public static class SearchIndexSql
{
    /// <summary>The SQLite FTS5 table: rowid = case id. Kept by <see cref="ReindexTextAsync"/> in the write's transaction (no
    /// triggers: a table rebuild of <c>Cases</c> by a later migration would drop them silently).</summary>
    public const string SqliteTextTable = "CaseSearchText";

    /// <summary>Creates the FTS5 table (trigram tokenizer, case-sensitive: both sides are lower-cased already, so a match is
    /// exactly a substring match, as <c>instr</c> finds it) and fills it from the cases.</summary>
    public const string SqliteUp =
        "CREATE VIRTUAL TABLE IF NOT EXISTS \"CaseSearchText\" USING fts5(\"Title\", \"Summary\", tokenize = 'trigram case_sensitive 1');\n"
        + "INSERT INTO \"CaseSearchText\"(rowid, \"Title\", \"Summary\") SELECT \"Id\", \"TitleSearch\", \"SummarySearch\" FROM \"Cases\";";

    public const string SqliteDown = "DROP TABLE IF EXISTS \"CaseSearchText\";";

    /// <summary>pg_trgm GIN indexes, which <c>LIKE '%…%'</c> on the lower-cased columns uses.</summary>
    public const string PostgresUp =
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
        + "CREATE INDEX IF NOT EXISTS \"IX_Cases_TitleSearch_trgm\" ON \"Cases\" USING gin (\"TitleSearch\" gin_trgm_ops);\n"
        + "CREATE INDEX IF NOT EXISTS \"IX_Cases_SummarySearch_trgm\" ON \"Cases\" USING gin (\"SummarySearch\" gin_trgm_ops);";

    /// <summary>Leaves the extension: other database objects may use it.</summary>
    public const string PostgresDown =
        "DROP INDEX IF EXISTS \"IX_Cases_SummarySearch_trgm\";\n"
        + "DROP INDEX IF EXISTS \"IX_Cases_TitleSearch_trgm\";";

    /// <summary>The shortest query the trigram indexes answer; shorter ones are matched by a scan.</summary>
    public const int MinIndexedLength = 3;

    /// <summary>Replaces the full-text entries of <paramref name="caseIds"/> with the cases' current text (SQLite; PostgreSQL's
    /// indexes are on the cases' own columns and kept by the database).</summary>
    internal static async Task ReindexTextAsync(RecoveryWatchDbContext db, IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken)
    {
        if (db.IsPostgres || caseIds.Count == 0)
        {
            return;
        }

        // Integers only, formatted here: one statement whatever the number of ids, nothing from outside reaches the SQL text.
        var ids = string.Join(",", caseIds.Select(i => i.ToString(CultureInfo.InvariantCulture)));
#pragma warning disable EF1002 // The interpolated values are integers formatted above.
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"CaseSearchText\" WHERE rowid IN ({ids})", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO \"CaseSearchText\"(rowid, \"Title\", \"Summary\") SELECT \"Id\", \"TitleSearch\", \"SummarySearch\" FROM \"Cases\" WHERE \"Id\" IN ({ids})",
            cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>Removes the full-text entries of cases that no longer exist (deleted in bulk, outside the DbContext's saves).</summary>
    internal static async Task PruneTextAsync(RecoveryWatchDbContext db, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"CaseSearchText\" WHERE rowid NOT IN (SELECT \"Id\" FROM \"Cases\")", cancellationToken);
        }
    }

    internal enum TextColumns
    {
        Title,
        Either,
    }

    /// <summary>The ids of the cases whose lower-cased title (or title or summary) contains <paramref name="text"/> (already
    /// lower-cased), through the full-text index. Only for text of at least <see cref="MinIndexedLength"/> characters, on SQLite.</summary>
    internal static IQueryable<int> SqliteMatches(RecoveryWatchDbContext db, string text, TextColumns columns)
    {
        // An FTS5 phrase: the text quoted, its quotes doubled, restricted to the column(s).
        var phrase = (columns == TextColumns.Title ? "Title" : "{Title Summary}") + " : \"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"CaseSearchText\" WHERE \"CaseSearchText\" MATCH {phrase}");
    }
}
