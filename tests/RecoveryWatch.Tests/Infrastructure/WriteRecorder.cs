using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RecoveryWatch.Tests.Infrastructure;

/// <summary>
/// Records every SQL command that would change the database (INSERT, UPDATE, DELETE and the like), before it runs, from
/// every DbContext of the application (Identity's stores included). Commands that only read are not recorded.
/// </summary>
public sealed partial class WriteRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _writes = new();

    public int Count => _writes.Count;

    /// <summary>The writes recorded from the <paramref name="from"/>-th on.</summary>
    public IReadOnlyList<string> Since(int from) => [.. _writes.Skip(from)];

    /// <summary>Whether one of the command's statements changes data or schema (EF batches several, separated by ';').</summary>
    public static bool Writes(string sql) => WritingStatement().IsMatch(sql);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (Writes(command.CommandText))
        {
            _writes.Enqueue(command.CommandText);
        }
    }

    // A statement that begins (at the start of the text or after a ';') with a verb that changes data or schema.
    [GeneratedRegex(@"(^|;)\s*(INSERT|UPDATE|DELETE|MERGE|REPLACE|UPSERT|TRUNCATE|CREATE|ALTER|DROP)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WritingStatement();
}
