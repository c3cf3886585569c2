using System.Data.Common;
using System.Globalization;
using Integrations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Delivery;

/// <summary>
/// Stores a batch of outcomes, each guarded by its lease token so a worker that lost its lease changes nothing. On
/// PostgreSQL one set-based statement does the batch (<c>UPDATE … FROM unnest(…) … RETURNING id</c>, one array
/// parameter per column); elsewhere one prepared single-row <c>UPDATE</c> runs per outcome, on SQLite prepared on the
/// native handle (<see cref="SqliteNativeStatement"/>). Values are bound as EF stores them (on SQLite a Guid is
/// upper-case text), so ids compare exactly.
/// </summary>
internal static class OutcomeSql
{
    private static readonly string[] Values = ["id", "token", "status", "attempts", "next", "completed", "code", "error"];

    /// <summary>Applies the outcomes and returns the ids of the deliveries whose lease was still held.</summary>
    public static async Task<HashSet<Guid>> ApplyAsync(DbContext context, IReadOnlyList<DeliveryOutcome> outcomes, long now, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var entity = context.Model.FindEntityType(typeof(DeliveryRecord))!;
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var names = Values.Select((_, i) => sql.GenerateParameterName("o" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        string C(string name) => sql.DelimitIdentifier(name);

        var connection = await ConnectionLease.OpenAsync(context, cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        var applied = new HashSet<Guid>();
        if (context.GetDatabaseProvider() == DatabaseProvider.PostgreSql)
        {
            var columns = new Array[]
            {
                outcomes.Select(o => o.Delivery.Id).ToArray(),
                outcomes.Select(o => o.LeaseToken).ToArray(),
                outcomes.Select(o => (int)o.Status).ToArray(),
                outcomes.Select(o => o.Attempts).ToArray(),
                outcomes.Select(o => o.NextAttemptAt ?? o.Delivery.NextAttemptAt).ToArray(),
                outcomes.Select(o => Completed(o, now)).ToArray(),
                outcomes.Select(o => o.StatusCode ?? o.Delivery.LastStatusCode).ToArray(),
                outcomes.Select(Error).ToArray(),
            };
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
                $"FROM unnest({string.Join(", ", names)}) AS v({string.Join(", ", Values)}) " +
                $"WHERE {table}.{C("id")} = v.id AND {table}.{C("lease_owner")} = v.token " +
                $"RETURNING {table}.{C("id")}";
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetGuid(0));
            }

            return applied;
        }

        // The single-row UPDATE, with a placeholder per value, named by the value's index in Values.
        string Update(Func<int, string> placeholder) =>
            $"UPDATE {table} SET {C("status")} = {placeholder(2)}, {C("attempts")} = {placeholder(3)}, {C("next_attempt_at")} = {placeholder(4)}, " +
            $"{C("lease_owner")} = NULL, {C("lease_expires_at")} = NULL, {C("completed_at")} = {placeholder(5)}, " +
            $"{C("last_status_code")} = {placeholder(6)}, {C("last_error")} = {placeholder(7)} " +
            $"WHERE {C("id")} = {placeholder(0)} AND {C("lease_owner")} = {placeholder(1)}";
        object?[] Row(DeliveryOutcome o) =>
            [o.Delivery.Id, o.LeaseToken, (int)o.Status, o.Attempts, o.NextAttemptAt ?? o.Delivery.NextAttemptAt, Completed(o, now), o.StatusCode ?? o.Delivery.LastStatusCode, Error(o)];

        // SQLite's numbered placeholders (?1 … ?8) let each value bind at its own index, whatever order the text uses.
        if (SqliteNativeStatement.TryPrepare(connection.Connection, Update(i => "?" + (i + 1).ToString(CultureInfo.InvariantCulture))) is { } native)
        {
            using (native)
            {
                foreach (var o in outcomes)
                {
                    var row = Row(o);
                    for (var c = 0; c < row.Length; c++)
                    {
                        native.Bind(c, row[c]);
                    }

                    if (native.Execute() > 0)
                    {
                        applied.Add(o.Delivery.Id);
                    }
                }
            }

            return applied;
        }

        var types = context.GetService<IRelationalTypeMappingSource>();
        Type[] clrTypes = [typeof(Guid), typeof(string), typeof(int), typeof(int), typeof(long), typeof(long), typeof(int), typeof(string)];
        var parameters = new DbParameter[Values.Length];
        for (var c = 0; c < parameters.Length; c++)
        {
            parameters[c] = types.FindMapping(clrTypes[c])!.CreateParameter(command, names[c], null, nullable: true);
            command.Parameters.Add(parameters[c]);
        }

        command.CommandText = Update(i => names[i]);
        foreach (var o in outcomes)
        {
            var row = Row(o);
            for (var c = 0; c < row.Length; c++)
            {
                parameters[c].Value = row[c] ?? DBNull.Value;
            }

            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                applied.Add(o.Delivery.Id);
            }
        }

        return applied;
    }

    private static long? Completed(DeliveryOutcome outcome, long now) =>
        outcome.Status is DeliveryStatus.Succeeded or DeliveryStatus.Dead ? now : null;

    private static string? Error(DeliveryOutcome outcome) => outcome.Error is { Length: > 2000 } e ? e[..2000] : outcome.Error;
}
