using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RecoveryWatch.Data;

/// <summary>
/// Reads what the database said when it refused a write, on both engines, without referencing either provider: the domain
/// only needs to know that a unique index refused a second copy (and of which field), or that a transaction lost a race.
/// </summary>
internal static partial class DatabaseErrors
{
    /// <summary>The field (camelCase, as in the API) whose unique index refused the row, or null if that was not the cause.</summary>
    public static string? UniqueViolation(DbUpdateException exception, IModel model)
    {
        if (exception.InnerException is not DbException database)
        {
            return null;
        }

        // PostgreSQL: SQLSTATE 23505, 'duplicate key value violates unique constraint "IX_Rounds_Code"'.
        if (database.SqlState == "23505")
        {
            var name = PostgresConstraint().Match(database.Message) is { Success: true } m ? m.Groups[1].Value : null;
            var index = model.GetEntityTypes().SelectMany(t => t.GetIndexes()).FirstOrDefault(i => i.GetDatabaseName() == name);
            return Field(index?.Properties[^1].Name);
        }

        // SQLite: "SQLite Error 19: 'UNIQUE constraint failed: Rounds.Code'" (SQLITE_CONSTRAINT; its code is not in
        // DbException.ErrorCode, which holds an HRESULT, and reading SqliteException would tie the domain to the provider).
        if (database.SqlState is null && SqliteUnique().Match(database.Message) is { Success: true } sqlite)
        {
            var column = sqlite.Groups[1].Value.Split(',')[^1].Trim();
            return Field(column[(column.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        }

        return null;
    }

    /// <summary>PostgreSQL gave up one of two transactions that waited on each other (deadlock 40P01, serialization 40001).</summary>
    public static bool IsSerializationFailure(DbUpdateException exception) =>
        exception.InnerException is DbException { SqlState: "40P01" or "40001" };

    private static string Field(string? property) =>
        string.IsNullOrEmpty(property) ? "record" : char.ToLowerInvariant(property[0]) + property[1..];

    [GeneratedRegex("unique constraint \"([^\"]+)\"")]
    private static partial Regex PostgresConstraint();

    [GeneratedRegex("SQLite Error 19: 'UNIQUE constraint failed: ([^']+)'")]
    private static partial Regex SqliteUnique();
}
