using Npgsql;

namespace RecoveryWatch.Tests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>A throw-away database for one fixture: a SQLite file in a temporary folder, or a PostgreSQL database created
/// on the server that <c>./scripts/test</c> starts (its connection string in RECOVERYWATCH_TEST_POSTGRES). That server has
/// a streaming replica (RECOVERYWATCH_TEST_POSTGRES_REPLICA): every database created on the primary appears there under the
/// same name, read-only.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "RECOVERYWATCH_TEST_POSTGRES";
    public const string ReplicaVariable = "RECOVERYWATCH_TEST_POSTGRES_REPLICA";

    private readonly string? _folder;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseKind kind, string connectionString, string? folder, string? postgresName)
    {
        Kind = kind;
        ConnectionString = connectionString;
        _folder = folder;
        _postgresName = postgresName;
    }

    public DatabaseKind Kind { get; }
    public string ConnectionString { get; }
    public string Provider => Kind == DatabaseKind.Postgres ? "Postgres" : "Sqlite";

    /// <summary>The same database on the streaming replica of the test server.</summary>
    public string ReplicaConnectionString
    {
        get
        {
            var replica = Environment.GetEnvironmentVariable(ReplicaVariable);
            if (_postgresName is null || string.IsNullOrWhiteSpace(replica))
            {
                throw new InvalidOperationException(_postgresName is null
                    ? "Only a PostgreSQL test database has a replica."
                    : $"The read-replica tests need a streaming replica of the test server: run ./scripts/test, which starts one and sets {ReplicaVariable}.");
            }

            return new NpgsqlConnectionStringBuilder(replica) { Database = _postgresName }.ConnectionString;
        }
    }

    /// <summary>Waits until the replica has replayed everything committed on the primary so far (the database itself, its
    /// schema, the fixture's data), so that a test reads there what it just wrote; bounded, then fails.</summary>
    public async Task WaitForReplicaAsync(TimeSpan? timeout = null)
    {
        string target;
        await using (var primary = new NpgsqlConnection(ConnectionString))
        {
            await primary.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primary);
            target = (string)(await command.ExecuteScalarAsync())!;
        }

        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        Exception? last = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                await using var replica = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ReplicaConnectionString) { Pooling = false }.ConnectionString);
                await replica.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= @target::pg_lsn", replica);
                command.Parameters.AddWithValue("target", target);
                if ((bool)(await command.ExecuteScalarAsync())!)
                {
                    return;
                }
            }
            catch (NpgsqlException exception)
            {
                // Not there yet: the CREATE DATABASE itself is still to be replayed.
                last = exception;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The replica did not reach the primary's position {target} in time.", last);
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "rw-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(kind, $"Data Source={Path.Combine(folder, "test.db")}", folder, null);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL half of the suite needs a server: run ./scripts/test, which starts one and sets {PostgresVariable}.");
        }

        var name = "rw_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(kind, builder.ConnectionString, null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing request; the temporary folder is cleaned by the OS.
            }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
