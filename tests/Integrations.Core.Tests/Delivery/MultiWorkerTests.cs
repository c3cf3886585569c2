using Integrations.Dispatch;
using Integrations.TestSupport;
using Integrations.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Delivery;

/// <summary>Several host processes sharing one PostgreSQL outbox (SQLite runs a single worker).</summary>
[TestFixture(DatabaseKind.PostgreSql)]
public class MultiWorkerTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    [Test]
    public async Task Three_workers_on_one_database_share_the_work_without_sending_anything_twice()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        var enqueued = new List<EnqueuedDelivery>();
        for (var i = 0; i < 300; i++)
        {
            enqueued.AddRange(await DispatchAsync("1", Push()));
        }

        var workers = new List<IntegrationsTestHost>();
        for (var i = 0; i < 3; i++)
        {
            workers.Add(await IntegrationsTestHost.StartAsync(Kind, Configure, o =>
            {
                ConfigureOptions(o);
                o.Encryption.Keys.Clear();
                o.Encryption.AddKey("test-key", Host.Key);
                o.Delivery.BatchSize = 8;
            }, Host.Database));
        }

        try
        {
            await Task.WhenAll(workers.Select(w => w.StartWorkersAsync()));
            await Receiver.WaitForRequestsAsync(300, TimeSpan.FromSeconds(60));
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                // Every worker has recorded all it took and found nothing more: no late duplicate can still arrive.
                await Task.WhenAll(workers.Select(w => w.Services.GetRequiredService<DeliverySignal>().WaitForIdleAsync(w.Time.GetUtcNow(), timeout.Token)));
            }

            var ids = Receiver.Requests.Select(r => r.Header("webhook-id")).ToList();
            ids.Should().HaveCount(300, "no delivery is sent twice");
            ids.Should().OnlyHaveUniqueItems();
            ids.Should().BeEquivalentTo(enqueued.Select(e => e.DeliveryId.ToString()));
            var perWorker = workers.Select(w => w.Logs.GetSnapshot().Count(l => l.Id.Id == 2001)).ToList();
            TestContext.Out.WriteLine("Deliveries per worker: " + string.Join(", ", perWorker));
            perWorker.Should().OnlyContain(n => n > 0, "every worker took a share");
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }
}

/// <summary>A worker process killed mid-flight: its claims expire and another worker delivers them.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public class WorkerCrashTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    [Test]
    public async Task Deliveries_held_by_a_killed_worker_are_reclaimed_after_the_lease_and_duplicates_keep_their_id()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        var enqueued = new List<EnqueuedDelivery>();
        for (var i = 0; i < 20; i++)
        {
            enqueued.AddRange(await DispatchAsync("1", Push()));
        }

        var hang = new TaskCompletionSource();
        Receiver.Respond = async (_, context) =>
        {
            await hang.Task.WaitAsync(context.RequestAborted);
            context.Response.StatusCode = 200;
        };

        await using (var doomed = await WorkerProcess.StartAsync(Host.Database, Host.Key, leaseSeconds: 3, concurrency: 8))
        {
            await Receiver.WaitForRequestsAsync(8, TimeSpan.FromSeconds(60));
            doomed.Kill();
        }

        var inFlightAtCrash = Receiver.Requests.Select(r => r.Header("webhook-id")).ToHashSet();
        RespondWith(200);
        hang.TrySetResult();

        await using (var survivor = await WorkerProcess.StartAsync(Host.Database, Host.Key, leaseSeconds: 3, concurrency: 8))
        {
            foreach (var delivery in enqueued)
            {
                await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded);
            }
        }

        var received = Receiver.Requests.GroupBy(r => r.Header("webhook-id")).ToDictionary(g => g.Key!, g => g.Count());
        received.Keys.Should().BeEquivalentTo(enqueued.Select(e => e.DeliveryId.ToString()), "every event was delivered at least once");
        inFlightAtCrash.Should().HaveCountGreaterThanOrEqualTo(8);
        foreach (var id in inFlightAtCrash)
        {
            received[id!].Should().BeGreaterThanOrEqualTo(2, "a request cut off by the crash is sent again, with the same webhook-id");
        }

        TestContext.Out.WriteLine($"{Receiver.Requests.Count} requests for {enqueued.Count} deliveries; {inFlightAtCrash.Count} were in flight at the crash.");
    }
}
