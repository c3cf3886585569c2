using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Storage;

/// <summary>
/// A claim in one round trip per statement, for databases whose SQL has <c>UPDATE … RETURNING</c> (SQLite and
/// PostgreSQL): each statement stamps the rows it wins with the lease token and returns them, so nothing is read back.
/// A database with row locks passes its lock clause (<c>FOR UPDATE SKIP LOCKED</c>) so that workers in many processes
/// claim disjoint rows without waiting for each other; on a single-writer database each statement is atomic anyway.
/// Identifiers come from the EF model, quoted by the provider; every value is a parameter.
/// </summary>
internal static class ReturningClaim
{
    public static async Task<DeliveryClaim> ClaimAsync(
        DbContext context, string token, int count, long nowMs, long leaseMs, string lockClause, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var entity = IntegrationsTables.Of<DeliveryRecord>(context);
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        string C(string name) => sql.DelimitIdentifier(name);
        var returning = string.Join(", ", DeliveryRecordReader.Columns.Select(C));

        var connection = await ConnectionLease.OpenAsync(context, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var claimed = await ClaimRowsAsync(context, connection,
                $"UPDATE {table} SET {C("lease_owner")} = {{0}}, {C("lease_expires_at")} = {{1}} WHERE {C("id")} IN (" +
                $"SELECT {C("id")} FROM {table} WHERE {C("status")} = 1 AND {C("lease_expires_at")} < {{2}} " +
                $"ORDER BY {C("lease_expires_at")} LIMIT {{3}}{lockClause}) RETURNING {returning}",
                token, nowMs + leaseMs, nowMs, count, cancellationToken).ConfigureAwait(false);

            if (claimed.Count < count)
            {
                claimed.AddRange(await ClaimRowsAsync(context, connection,
                    $"UPDATE {table} SET {C("status")} = 1, {C("lease_owner")} = {{0}}, {C("lease_expires_at")} = {{1}} WHERE {C("id")} IN (" +
                    $"SELECT {C("id")} FROM {table} WHERE {C("status")} = 0 AND {C("next_attempt_at")} <= {{2}} " +
                    $"ORDER BY {C("next_attempt_at")} LIMIT {{3}}{lockClause}) RETURNING {returning}",
                    token, nowMs + leaseMs, nowMs, count - claimed.Count, cancellationToken).ConfigureAwait(false));
            }

            claimed.Sort((a, b) => a.NextAttemptAt.CompareTo(b.NextAttemptAt));
            var payloads = await ReadPayloadsAsync(context, connection, claimed.Select(d => d.PayloadId).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
            return new DeliveryClaim(token, claimed.ConvertAll(d => new ClaimedDelivery(d, payloads.GetValueOrDefault(d.PayloadId))));
        }
    }

    /// <summary>The payload bodies of the claimed deliveries, by payload id (one query by primary key per claim).</summary>
    private static async Task<Dictionary<Guid, string>> ReadPayloadsAsync(DbContext context, ConnectionLease connection, List<Guid> ids, CancellationToken cancellationToken)
    {
        var bodies = new Dictionary<Guid, string>(ids.Count);
        if (ids.Count == 0)
        {
            return bodies;
        }

        var sql = context.GetService<ISqlGenerationHelper>();
        var guid = context.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(Guid))!;
        var entity = IntegrationsTables.Of<DeliveryPayloadRecord>(context);
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        var names = new string[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            names[i] = sql.GenerateParameterName("p" + i.ToString(CultureInfo.InvariantCulture));
            command.Parameters.Add(guid.CreateParameter(command, names[i], ids[i]));
        }

        command.CommandText = $"SELECT {sql.DelimitIdentifier("id")}, {sql.DelimitIdentifier("body")} FROM " +
            $"{sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())} WHERE {sql.DelimitIdentifier("id")} IN ({string.Join(", ", names)})";
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                bodies[DeliveryRecordReader.ReadGuid(reader, 0)] = reader.GetString(1);
            }
        }

        return bodies;
    }

    /// <summary>Runs one claim statement; <c>{0}</c>–<c>{3}</c> are the token, lease end, now and limit.</summary>
    private static async Task<List<DeliveryRecord>> ClaimRowsAsync(DbContext context, ConnectionLease connection, string format, string token, long leaseEnd, long now, int limit, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var types = context.GetService<IRelationalTypeMappingSource>();
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        object[] values = [token, leaseEnd, now, limit];
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = sql.GenerateParameterName("c" + i.ToString(CultureInfo.InvariantCulture));
            command.Parameters.Add(types.FindMapping(values[i].GetType())!.CreateParameter(command, names[i], values[i]));
        }

        command.CommandText = string.Format(CultureInfo.InvariantCulture, format, names.Cast<object>().ToArray());
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await DeliveryRecordReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
        }
    }
}
