using System.Globalization;
using Integrations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Delivery;

/// <summary>
/// Claims due deliveries for one worker by stamping them with a fresh lease token; the statements return the ids they
/// won, and the rows are then read by primary key (no lookup that depends on the planner's statistics). On PostgreSQL the
/// candidate rows are locked with <c>FOR UPDATE SKIP LOCKED</c>, so any number of workers in any number of processes claim
/// disjoint sets without waiting for each other; elsewhere (SQLite) each conditional <c>UPDATE</c> is atomic. Deliveries
/// whose lease ran out (their worker died) are reclaimed first.
/// </summary>
internal static class DeliveryClaimer
{
    public static async Task<(string Token, List<DeliveryRecord> Claimed)> ClaimAsync(
        DbContext context, string workerId, int count, long nowMs, long leaseMs, CancellationToken cancellationToken)
    {
        var token = workerId + ":" + Guid.NewGuid().ToString("N")[..12];
        var sql = context.GetService<ISqlGenerationHelper>();
        var entity = context.Model.FindEntityType(typeof(DeliveryRecord))
            ?? throw new InvalidOperationException("The context does not include the integrations tables: call modelBuilder.AddIntegrations().");
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var lockClause = context.GetDatabaseProvider() == DatabaseProvider.PostgreSql ? " FOR UPDATE SKIP LOCKED" : string.Empty;
        string C(string name) => sql.DelimitIdentifier(name);

        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ids = await ClaimIdsAsync(context,
                $"UPDATE {table} SET {C("lease_owner")} = {{0}}, {C("lease_expires_at")} = {{1}} WHERE {C("id")} IN (" +
                $"SELECT {C("id")} FROM {table} WHERE {C("status")} = 1 AND {C("lease_expires_at")} < {{2}} " +
                $"ORDER BY {C("lease_expires_at")} LIMIT {{3}}{lockClause}) RETURNING {C("id")}",
                token, nowMs + leaseMs, nowMs, count, cancellationToken).ConfigureAwait(false);

            if (ids.Count < count)
            {
                ids.AddRange(await ClaimIdsAsync(context,
                    $"UPDATE {table} SET {C("status")} = 1, {C("lease_owner")} = {{0}}, {C("lease_expires_at")} = {{1}} WHERE {C("id")} IN (" +
                    $"SELECT {C("id")} FROM {table} WHERE {C("status")} = 0 AND {C("next_attempt_at")} <= {{2}} " +
                    $"ORDER BY {C("next_attempt_at")} LIMIT {{3}}{lockClause}) RETURNING {C("id")}",
                    token, nowMs + leaseMs, nowMs, count - ids.Count, cancellationToken).ConfigureAwait(false));
            }

            if (ids.Count == 0)
            {
                return (token, []);
            }

            var claimed = await context.Set<DeliveryRecord>().AsNoTracking()
                .Where(d => ids.Contains(d.Id))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return (token, claimed.OrderBy(d => d.NextAttemptAt).ToList());
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs one claim statement; <c>{0}</c>–<c>{3}</c> are the token, lease end, now and limit.</summary>
    private static async Task<List<Guid>> ClaimIdsAsync(DbContext context, string format, string token, long leaseEnd, long now, int limit, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var types = context.GetService<IRelationalTypeMappingSource>();
        var command = context.Database.GetDbConnection().CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        object[] values = [token, leaseEnd, now, limit];
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = sql.GenerateParameterName("c" + i.ToString(CultureInfo.InvariantCulture));
            command.Parameters.Add(types.FindMapping(values[i].GetType())!.CreateParameter(command, names[i], values[i]));
        }

        // Only identifiers from the EF model, quoted by the provider, are in the text; every value is a parameter.
        command.CommandText = string.Format(CultureInfo.InvariantCulture, format, names.Cast<object>().ToArray());
        var ids = new List<Guid>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetValue(0) switch
                {
                    Guid g => g,
                    string s => Guid.Parse(s),
                    var other => Guid.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!),
                });
            }
        }

        return ids;
    }
}
