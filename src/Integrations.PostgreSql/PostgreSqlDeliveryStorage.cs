using System.Globalization;
using Integrations.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.PostgreSql;

/// <summary>
/// The PostgreSQL delivery storage: concurrent writers, set-based statements with one array parameter per column
/// (<c>unnest</c>), and claims that skip rows another worker has locked.
/// </summary>
internal sealed class PostgreSqlDeliveryStorage : EfCoreDeliveryStorage
{
    private static readonly string[] OutcomeValues = ["id", "token", "status", "attempts", "next", "completed", "code", "error"];

    /// <inheritdoc />
    public override DeliveryStorageFeatures Features { get; } = new(SingleWriter: false, ConcurrentCommits: 4);

    /// <inheritdoc />
    public override async Task InsertAsync<T>(DbContext context, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var sql = context.GetService<ISqlGenerationHelper>();
        var (table, columns) = EntityColumn.Of<T>(context);
        var connection = await ConnectionLease.OpenAsync(context, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using var commandScope = command.ConfigureAwait(false);
            var names = new string[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                names[c] = sql.GenerateParameterName("b" + c.ToString(CultureInfo.InvariantCulture));
                var values = Array.CreateInstance(columns[c].ElementType, rows.Count);
                for (var i = 0; i < rows.Count; i++)
                {
                    values.SetValue(columns[c].Read(rows[i]), i);
                }

                var parameter = command.CreateParameter();
                parameter.ParameterName = names[c];
                parameter.Value = values;
                command.Parameters.Add(parameter);
            }

            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) SELECT * FROM unnest({string.Join(", ", names)})";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
        ReturningClaim.ClaimAsync(context, LeaseToken.New(workerId), count, nowMs, leaseMs, lockClause: " FOR UPDATE SKIP LOCKED", cancellationToken);

    /// <inheritdoc />
    public override async Task<HashSet<Guid>> ApplyOutcomesAsync(DbContext context, IReadOnlyList<OutcomeRow> rows, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var (table, _) = EntityColumn.Of<DeliveryRecord>(context);
        string C(string name) => sql.DelimitIdentifier(name);
        var columns = new Array[]
        {
            rows.Select(r => r.Id).ToArray(),
            rows.Select(r => r.Token).ToArray(),
            rows.Select(r => (int)r.Status).ToArray(),
            rows.Select(r => r.Attempts).ToArray(),
            rows.Select(r => r.NextAttemptAt).ToArray(),
            rows.Select(r => r.CompletedAt).ToArray(),
            rows.Select(r => r.StatusCode).ToArray(),
            rows.Select(r => r.Error).ToArray(),
        };

        var applied = new HashSet<Guid>();
        var connection = await ConnectionLease.OpenAsync(context, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using var commandScope = command.ConfigureAwait(false);
            var names = OutcomeValues.Select((_, i) => sql.GenerateParameterName("o" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
            for (var c = 0; c < columns.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = names[c];
                parameter.Value = columns[c];
                command.Parameters.Add(parameter);
            }

            command.CommandText =
                $"UPDATE {table} SET {C("status")} = v.status, {C("attempts")} = v.attempts, {C("next_attempt_at")} = v.next, " +
                $"{C("lease_owner")} = NULL, {C("lease_expires_at")} = NULL, {C("completed_at")} = v.completed, " +
                $"{C("last_status_code")} = v.code, {C("last_error")} = v.error " +
                $"FROM unnest({string.Join(", ", names)}) AS v({string.Join(", ", OutcomeValues)}) " +
                $"WHERE {table}.{C("id")} = v.id AND {table}.{C("lease_owner")} = v.token " +
                $"RETURNING {table}.{C("id")}";
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetGuid(0));
                }
            }
        }

        return applied;
    }
}
