using System.Data.Common;
using System.Globalization;
using SQLitePCL;

namespace Integrations.Persistence;

/// <summary>
/// A statement prepared on the native handle of a Microsoft.Data.Sqlite connection and bound by position. It joins the
/// connection's current transaction like any command. The library's hot bulk statements use it because
/// Microsoft.Data.Sqlite looks every parameter up by name on every execution: measured with the delivery table and its
/// indexes, a prepared <c>SqliteCommand</c> cost 15 µs a row and this 7.6 µs, and SQLite runs one writer at a time, so
/// that cost sets the pace of dispatch and delivery. Only values with an exact native form are bound (see
/// <see cref="Supports"/>), exactly as EF Core's SQLite provider stores them; callers fall back to ordinary commands
/// for anything else.
/// </summary>
internal sealed class SqliteNativeStatement : IDisposable
{
    private const string SqliteConnectionType = "Microsoft.Data.Sqlite.SqliteConnection";
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string _sql;

    private SqliteNativeStatement(sqlite3 db, sqlite3_stmt statement, string sql)
    {
        _db = db;
        _statement = statement;
        _sql = sql;
    }

    /// <summary>Whether values of a provider type (after the model's value converter) are bound natively.</summary>
    /// <param name="providerType">The CLR type the provider receives.</param>
    /// <param name="storeType">The column's store type: a <see cref="Guid"/> must be stored as TEXT, EF Core's default.</param>
    public static bool Supports(Type providerType, string storeType)
    {
        var type = Nullable.GetUnderlyingType(providerType) ?? providerType;
        return type == typeof(string) || type == typeof(long) || type == typeof(int) || type == typeof(short)
            || type == typeof(byte) || type == typeof(bool) || type == typeof(double) || type == typeof(byte[])
            || (type == typeof(Guid) && storeType.Equals("TEXT", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Prepares the statement, or returns null when the connection is not a Microsoft.Data.Sqlite one.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">SQL with positional <c>?</c> parameters.</param>
    public static SqliteNativeStatement? TryPrepare(DbConnection connection, string sql)
    {
        var type = connection.GetType();
        if (type.FullName != SqliteConnectionType || type.GetProperty("Handle")?.GetValue(connection) is not sqlite3 db)
        {
            return null;
        }

        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            throw Error(db, rc, sql);
        }

        return new SqliteNativeStatement(db, statement, sql);
    }

    /// <summary>Binds a value (one <see cref="Supports"/> accepts) to the parameter at a zero-based position.</summary>
    public void Bind(int index, object? value)
    {
        var position = index + 1;
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_statement, position),
            string text => raw.sqlite3_bind_text(_statement, position, text),
            Guid id => raw.sqlite3_bind_text(_statement, position, id.ToString("D", CultureInfo.InvariantCulture).ToUpperInvariant()),
            bool flag => raw.sqlite3_bind_int64(_statement, position, flag ? 1 : 0),
            long or int or short or byte => raw.sqlite3_bind_int64(_statement, position, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            double real => raw.sqlite3_bind_double(_statement, position, real),
            byte[] bytes => raw.sqlite3_bind_blob(_statement, position, bytes),
            _ => throw new ArgumentException($"A {value.GetType().Name} is not bound natively.", nameof(value)),
        };
        if (rc != raw.SQLITE_OK)
        {
            throw Error(_db, rc, _sql);
        }
    }

    /// <summary>
    /// Runs the statement with the values bound and returns how many rows it changed; the bindings stay for the next run.
    /// Waits for another connection's write lock up to 30 s, as Microsoft.Data.Sqlite does.
    /// </summary>
    public int Execute()
    {
        var started = Environment.TickCount64;
        while (true)
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_DONE)
            {
                var changes = raw.sqlite3_changes(_db);
                raw.sqlite3_reset(_statement);
                return changes;
            }

            raw.sqlite3_reset(_statement);
            if ((rc == raw.SQLITE_BUSY || rc == raw.SQLITE_LOCKED) && Environment.TickCount64 - started < BusyTimeout.TotalMilliseconds)
            {
                Thread.Sleep(1);
                continue;
            }

            throw Error(_db, rc, _sql);
        }
    }

    public void Dispose() => _statement.Dispose();

    private static SqliteNativeException Error(sqlite3 db, int rc, string sql) =>
        new($"SQLite Error {rc}: '{raw.sqlite3_errmsg(db).utf8_to_string()}' running: {sql}", rc);
}
