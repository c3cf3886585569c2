using Integrations.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Integrations.Sqlite;

/// <summary>
/// The SQLite delivery storage: one writer at a time (the library's writers take turns on an in-process gate), bulk
/// inserts and outcome updates as native statements bound by position, one per row (a statement with thousands of named
/// parameters costs SQLite quadratic time to bind), and claims as <c>UPDATE … RETURNING</c>, atomic on SQLite.
/// </summary>
internal sealed partial class SqliteDeliveryStorage(ILogger<SqliteDeliveryStorage> logger) : EfCoreDeliveryStorage
{
    private readonly Action<string> _waiting = sql => WaitingForWriteLock(logger, sql);

    /// <inheritdoc />
    public override DeliveryStorageFeatures Features { get; } = new(SingleWriter: true, ConcurrentCommits: 1);

    /// <inheritdoc />
    public override async Task InsertAsync<T>(DbContext context, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var (table, columns) = EntityColumn.Of<T>(context);
        if (!columns.All(c => NativeStatement.Supports(c.ElementType, c.Mapping.StoreType)))
        {
            // A host's own value converter that SQLite has no native form for: EF Core writes it.
            await base.InsertAsync(context, rows, cancellationToken).ConfigureAwait(false);
            return;
        }

        var sql = context.GetService<ISqlGenerationHelper>();
        var text = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        var connection = await ConnectionLease.OpenAsync(context, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var statement = NativeStatement.Prepare(Sqlite(connection), text);
            foreach (var row in rows)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    statement.Bind(c, columns[c].Read(row));
                }

                await statement.ExecuteAsync(cancellationToken, _waiting).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public override Task<bool> TryAddStateAsync(DbContext context, IntegrationStateRecord row, CancellationToken cancellationToken) =>
        ConflictStatements.TryAddStateAsync(context, row, cancellationToken);

    /// <inheritdoc />
    public override Task SetStateAsync(DbContext context, IntegrationStateRecord row, CancellationToken cancellationToken) =>
        ConflictStatements.SetStateAsync(context, row, cancellationToken);

    /// <inheritdoc />
    public override Task<DeliveryClaim> ClaimAsync(DbContext context, string workerId, int count, long nowMs, long leaseMs, CancellationToken cancellationToken) =>
        ReturningClaim.ClaimAsync(context, LeaseToken.New(workerId), count, nowMs, leaseMs, lockClause: string.Empty, cancellationToken);

    /// <inheritdoc />
    public override async Task<HashSet<Guid>> ApplyOutcomesAsync(DbContext context, IReadOnlyList<OutcomeRow> outcomes, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var (table, _) = EntityColumn.Of<DeliveryRecord>(context);
        string C(string name) => sql.DelimitIdentifier(name);

        // Numbered placeholders (?1 … ?8) bind each value at its own index, whatever order the text uses them in.
        var text =
            $"UPDATE {table} SET {C("status")} = ?3, {C("attempts")} = ?4, {C("next_attempt_at")} = ?5, " +
            $"{C("lease_owner")} = NULL, {C("lease_expires_at")} = NULL, {C("completed_at")} = ?6, " +
            $"{C("last_status_code")} = ?7, {C("last_error")} = ?8 " +
            $"WHERE {C("id")} = ?1 AND {C("lease_owner")} = ?2";
        var applied = new HashSet<Guid>();
        var connection = await ConnectionLease.OpenAsync(context, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var statement = NativeStatement.Prepare(Sqlite(connection), text);
            foreach (var o in outcomes)
            {
                var (id, token, status, attempts, next, completed, code, error) = o;
                object?[] values = [id, token, (int)status, attempts, next, completed, code, error];
                for (var i = 0; i < values.Length; i++)
                {
                    statement.Bind(i, values[i]);
                }

                if (await statement.ExecuteAsync(cancellationToken, _waiting).ConfigureAwait(false) > 0)
                {
                    applied.Add(id);
                }
            }
        }

        return applied;
    }

    private static SqliteConnection Sqlite(ConnectionLease lease) => lease.Connection as SqliteConnection
        ?? throw new InvalidOperationException(
            $"UseSqlite() was called, but the integrations database is {lease.Connection.GetType().Name}, not SQLite. "
            + "Call it only for a SQLite context (and UsePostgreSql() for PostgreSQL).");

    [LoggerMessage(1101, LogLevel.Debug, "Another connection holds SQLite's write lock; waiting (up to 30 s) to run: {Statement}")]
    private static partial void WaitingForWriteLock(ILogger logger, string statement);
}
