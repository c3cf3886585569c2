using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Delivery;

/// <summary>
/// Claims due deliveries for one worker by stamping them with a fresh lease token, then reads back what it won. On
/// PostgreSQL the candidate rows are locked with <c>FOR UPDATE SKIP LOCKED</c>, so any number of workers in any number
/// of processes claim disjoint sets without waiting for each other; elsewhere (SQLite) the single conditional
/// <c>UPDATE</c> is atomic. Deliveries whose lease ran out (their worker died) are reclaimed first.
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
        var lockClause = context.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? " FOR UPDATE SKIP LOCKED" : string.Empty;
        string Column(string name) => sql.DelimitIdentifier(name);

        // Only identifiers from the EF model, quoted by the provider, are concatenated; every value is a parameter.
#pragma warning disable EF1003

        var expired = await context.Database.ExecuteSqlRawAsync(
            $"UPDATE {table} SET {Column("lease_owner")} = {{0}}, {Column("lease_expires_at")} = {{1}} WHERE {Column("id")} IN (" +
            $"SELECT {Column("id")} FROM {table} WHERE {Column("status")} = 1 AND {Column("lease_expires_at")} < {{2}} " +
            $"ORDER BY {Column("lease_expires_at")} LIMIT {{3}}{lockClause})",
            [token, nowMs + leaseMs, nowMs, count], cancellationToken).ConfigureAwait(false);

        if (expired < count)
        {
            await context.Database.ExecuteSqlRawAsync(
                $"UPDATE {table} SET {Column("status")} = 1, {Column("lease_owner")} = {{0}}, {Column("lease_expires_at")} = {{1}} WHERE {Column("id")} IN (" +
                $"SELECT {Column("id")} FROM {table} WHERE {Column("status")} = 0 AND {Column("next_attempt_at")} <= {{2}} " +
                $"ORDER BY {Column("next_attempt_at")} LIMIT {{3}}{lockClause})",
                [token, nowMs + leaseMs, nowMs, count - expired], cancellationToken).ConfigureAwait(false);
        }

#pragma warning restore EF1003
        var claimed = await context.Set<DeliveryRecord>().AsNoTracking()
            .Where(d => d.LeaseOwner == token)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (token, claimed.OrderBy(d => d.NextAttemptAt).ToList());
    }
}
