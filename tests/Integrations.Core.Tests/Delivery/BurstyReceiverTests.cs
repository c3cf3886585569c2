using System.Collections.Concurrent;
using Integrations.Dispatch;
using Integrations.Health;
using Integrations.TestSupport;

namespace Integrations.Core.Tests.Delivery;

/// <summary>
/// Auto-disable the way it once failed: several workers on the real clock, a receiver that first answers a burst of
/// 429s and then fails every tenth request. It never fails twice in a row, so nothing may be disabled.
/// </summary>
[TestFixture(DatabaseKind.Sqlite, 1)]
[TestFixture(DatabaseKind.SqlitePortable, 1)]
[TestFixture(DatabaseKind.PostgreSql, 3)]
public class BurstyReceiverTests(DatabaseKind kind, int workers) : DeliveryTestBase(kind)
{
    private const int Events = 400;
    private const int Burst = 50;

    [Test]
    public async Task Nothing_is_disabled_unless_the_receiver_really_failed_that_many_times_in_a_row()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        var served = new ConcurrentDictionary<int, int>();
        var arrivals = -1;
        Receiver.Respond = (_, context) =>
        {
            var n = Interlocked.Increment(ref arrivals);
            var status = n < Burst ? 429 : n % 10 == 0 ? 500 : 200;
            served[n] = status;
            context.Response.StatusCode = status;
            if (status == 429)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            return Task.CompletedTask;
        };

        var enqueued = new List<EnqueuedDelivery>();
        for (var i = 0; i < Events; i++)
        {
            enqueued.AddRange(await DispatchAsync("1", Push()));
        }

        var hosts = new List<IntegrationsTestHost>();
        var listeners = new List<RecordingHealthListener>();
        try
        {
            for (var i = 0; i < workers; i++)
            {
                hosts.Add(await IntegrationsTestHost.StartAsync(Kind, Configure, o =>
                {
                    ConfigureOptions(o);
                    o.Encryption.Keys.Clear();
                    o.Encryption.AddKey("test-key", Host.Key);
                    o.Delivery.MaxConcurrency = 16;
                    o.Delivery.RetrySchedule.Clear();
                    for (var r = 0; r < 7; r++)
                    {
                        o.Delivery.RetrySchedule.Add(TimeSpan.FromMilliseconds(100));
                    }
                }, Host.Database, TimeProvider.System));
                listeners.Add(HealthListener); // each host has a listener of its own
            }

            await Task.WhenAll(hosts.Select(h => h.StartWorkersAsync()));
            foreach (var delivery in enqueued)
            {
                await WaitForAsync(delivery.DeliveryId, d => d.Status is DeliveryStatus.Succeeded or DeliveryStatus.Dead, "it is finished", TimeSpan.FromSeconds(60));
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }

        var order = served.OrderBy(p => p.Key).Select(p => p.Value).ToList();
        var longestRun = order.Aggregate((Longest: 0, Current: 0), (run, status) => status == 500
            ? (Math.Max(run.Longest, run.Current + 1), run.Current + 1)
            : status == 429 ? run : (run.Longest, 0)).Longest;
        TestContext.Out.WriteLine($"{order.Count} requests: {order.Count(s => s == 429)} × 429, {order.Count(s => s == 500)} × 500; longest run of failures {longestRun}.");
        longestRun.Should().BeLessThan(4, "the receiver never fails four times in a row");

        var heard = listeners.SelectMany(l => l.Changes).OrderBy(c => c.Current.LastFailureAt ?? c.Current.LastSuccessAt).Select(c => c.Current.Status).ToList();
        TestContext.Out.WriteLine("Heard: " + string.Join(", ", heard));
        heard.Should().NotContain([IntegrationHealthStatus.TemporarilyDisabled, IntegrationHealthStatus.PermanentlyDisabled]);
        foreach (var delivery in enqueued)
        {
            (await DeliveryAsync(delivery.DeliveryId))!.Status.Should().Be(DeliveryStatus.Succeeded);
        }

        var health = await LogAsync(log => log.GetHealthAsync(hook.Id));
        health.Status.Should().Be(IntegrationHealthStatus.Healthy);
        health.LastSuccessAt.Should().NotBeNull();
        heard.Count(s => s == IntegrationHealthStatus.Failing).Should().Be(heard.Count(s => s == IntegrationHealthStatus.Healthy),
            "every change is announced once: each Failing is followed by one Healthy");
    }
}
