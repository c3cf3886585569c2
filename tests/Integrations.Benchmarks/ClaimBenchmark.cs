using System.Diagnostics;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks;

/// <summary>
/// Claim throughput (deliveries claimed per second, batches of 64) over a fixed number of due deliveries, with an
/// otherwise empty outbox and with a large backlog of pending deliveries due later (retries waiting).
/// </summary>
internal static class ClaimBenchmark
{
    public static async Task<double> RunAsync(DatabaseKind kind, int due, int backlog)
    {
        await using var host = await BenchHost.StartAsync(kind, runWorker: false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (backlog > 0)
        {
            await InsertAsync(host, kind, backlog, now + (long)TimeSpan.FromDays(1).TotalMilliseconds, 0);
        }

        await InsertAsync(host, kind, due, now - 1000, backlog);
        await host.SqlAsync(kind == DatabaseKind.Sqlite ? "ANALYZE" : "ANALYZE integration_deliveries");
        if (kind == DatabaseKind.Sqlite)
        {
            // The seeding wrote the whole backlog to the WAL at once; a running database would have checkpointed it.
            await host.SqlAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        var claimed = 0;
        var watch = Stopwatch.StartNew();
        while (claimed < due)
        {
            var batch = await host.ScopeAsync(async sp =>
            {
                var context = sp.GetRequiredService<Persistence.IIntegrationsDbContextProvider>().Context;
                var (_, rows) = await sp.GetRequiredService<Storage.IDeliveryStorage>().ClaimAsync(context, "bench", 64, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 120_000, CancellationToken.None);
                return rows.Count;
            });
            if (batch == 0)
            {
                throw new InvalidOperationException($"Claimed {claimed} of {due}, then nothing.");
            }

            claimed += batch;
        }

        watch.Stop();
        return claimed / watch.Elapsed.TotalSeconds;
    }

    private static Task<int> InsertAsync(BenchHost host, DatabaseKind kind, int count, long dueAt, int offset)
    {
        // Every seeded delivery shares one payload row, as the deliveries of one event would.
        const string payload = "00000000-0000-0000-0000-000000000003";
        const string columns = "id, event_id, integration_id, integration_type, project_id, event_kind, payload_id, status, attempts, next_attempt_at, created_at";
        var sql = kind == DatabaseKind.Sqlite
            ? $"""
               WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {count})
               INSERT INTO integration_deliveries ({columns})
               SELECT printf('00000000-0000-0000-0000-%012d', x + {offset}), '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002',
                      'test_hook', 'p', 'push', '{payload}', 0, 0, {dueAt} + (x % 1000), {dueAt}
               FROM n;
               INSERT OR IGNORE INTO integration_payloads (id, created_at, body) VALUES ('{payload}', {dueAt}, '[]');
               """
            : $"""
               INSERT INTO integration_deliveries ({columns})
               SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'test_hook', 'p', 'push', '{payload}', 0, 0, {dueAt} + (x % 1000), {dueAt}
               FROM generate_series(1, {count}) AS x;
               INSERT INTO integration_payloads (id, created_at, body) VALUES ('{payload}', {dueAt}, '[]') ON CONFLICT DO NOTHING;
               """;
        return host.SqlAsync(sql);
    }
}
