using Microsoft.EntityFrameworkCore;
using Npgsql;
using NUnit.Framework;

namespace Integrations.TestSupport;

/// <summary>
/// A real, empty database for one test: a SQLite file, or a new PostgreSQL database created on the server named by
/// <c>INTEGRATIONS_TEST_POSTGRES</c> and dropped afterwards. Without that variable PostgreSQL tests are ignored
/// locally and fail in CI (CI=true), so CI can never pass without running them.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "INTEGRATIONS_TEST_POSTGRES";

    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private TestDatabase(DatabaseKind kind, string connectionString, string? adminConnectionString, string? databaseName)
    {
        Kind = kind;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        _databaseName = databaseName;
    }

    public DatabaseKind Kind { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        if (kind is DatabaseKind.Sqlite or DatabaseKind.SqlitePortable)
        {
            var path = Path.Combine(Path.GetTempPath(), "integrations-tests", Guid.NewGuid().ToString("N") + ".db");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new TestDatabase(kind, $"Data Source={path}", null, path);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"{PostgresVariable} is not set in CI: the PostgreSQL tests must run there (.ci/run sets it).");
            }

            Assert.Ignore($"{PostgresVariable} is not set; PostgreSQL tests are skipped on this machine.");
        }

        var name = "it_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 100 };
        return new TestDatabase(kind, builder.ConnectionString, admin, name);
    }

    /// <summary>Points EF Core at this database.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IsSqlite)
        {
            options.UseSqlite(ConnectionString);
        }
        else
        {
            options.UseNpgsql(ConnectionString);
        }
    }

    /// <summary>Whether this is a SQLite file (through either storage).</summary>
    public bool IsSqlite => Kind is DatabaseKind.Sqlite or DatabaseKind.SqlitePortable;

    /// <summary>Chooses the delivery storage of this kind: the SQLite or PostgreSQL fast path, or the portable one.</summary>
    public IIntegrationsBuilder UseStorage(IIntegrationsBuilder builder) => Kind switch
    {
        DatabaseKind.Sqlite => builder.UseSqlite(),
        DatabaseKind.PostgreSql => builder.UsePostgreSql(),
        _ => builder,
    };

    public async ValueTask DisposeAsync()
    {
        if (IsSqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(_databaseName + suffix);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);

        // FORCE cannot end a backend of another role: an autovacuum worker that happens to be busy in the test database
        // fails the drop with 42501 (or 55006). It finishes within moments, so try again rather than fail the test.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
