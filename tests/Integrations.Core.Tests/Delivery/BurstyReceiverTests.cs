using System.Collections.Concurrent;
using Integrations.DeliveryLog;
using Integrations.Dispatch;
using Integrations.Health;
using Integrations.TestSupport;

namespace Integrations.Core.Tests.Delivery;

/// <summary>
/// Auto-disable the way it once failed: several workers on the real clock and a receiver that fails in bursts. The
/// product decides on the order in which attempts finished, so a disable needs more than the grace number of
/// consecutive failures as they finished, however the outcomes of several workers reach the database; and whatever order
/// the announcements take, the newest one a listener heard is the stored state.
/// </summary>
[TestFixture(DatabaseKind.Sqlite, 1)]
[TestFixture(DatabaseKind.SqlitePortable, 1)]
[TestFixture(DatabaseKind.PostgreSql, 3)]
public class BurstyReceiverTests(DatabaseKind kind, int workers) : DeliveryTestBase(kind)
{
    private const int Grace = 3;

    [Test]
    public async Task Nothing_is_disabled_unless_the_receiver_really_failed_that_many_times_in_a_row()
    {
        // First a burst of 429s (a hold, never counted), then every tenth request fails: never twice in a row.
        var run = await RunAsync(events: 400, n => n < 50 ? 429 : n % 10 == 0 ? 500 : 200);

        NoDisableWithoutTheFailuresToJustifyIt(run);
        run.Deliveries.Should().OnlyContain(d => d.Status == DeliveryStatus.Succeeded);
        run.Stored.Status.Should().Be(IntegrationHealthStatus.Healthy, "the last attempt to finish succeeded");
        run.Stored.LastSuccessAt.Should().NotBeNull();
    }

    [Test]
    public async Task Bursts_within_the_grace_never_disable_however_the_outcomes_reach_the_database()
    {
        // Bursts of exactly the grace number of failures, then seven successes, over and over: with 16 calls in flight per
        // worker the outcomes of neighbouring attempts commit in any order.
        var run = await RunAsync(events: 600, n => n % 10 < Grace ? 500 : 200);

        NoDisableWithoutTheFailuresToJustifyIt(run);
    }

    [Test]
    public async Task A_receiver_that_is_down_under_steady_traffic_is_disabled()
    {
        // There is always an attempt in flight, claimed before the newest failure: the disable must come all the same.
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(500);
        for (var i = 0; i < 300; i++)
        {
            await DispatchAsync("1", Push());
        }

        var hosts = new List<IntegrationsTestHost>();
        var listeners = new List<RecordingHealthListener>();
        try
        {
            await StartWorkersAsync(hosts, listeners, _ => { });
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!listeners.SelectMany(l => l.Changes).Any(c => c.Current.Status == IntegrationHealthStatus.TemporarilyDisabled))
            {
                if (DateTime.UtcNow > deadline)
                {
                    var now = await LogAsync(log => log.GetHealthAsync(hook.Id));
                    Assert.Fail($"{Kind}: not disabled after 60 s: {now}; {Receiver.Requests.Count} requests; heard {string.Join(", ", listeners.SelectMany(l => l.Changes).Select(c => c.Current.Status))}");
                }

                await Task.Delay(20);
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }

        var stored = await LogAsync(log => log.GetHealthAsync(hook.Id));
        stored.Status.Should().Be(IntegrationHealthStatus.TemporarilyDisabled, "the first disable is a temporary one, not a jump to permanent");
        stored.RecentFailures.Should().BeGreaterThan(Grace).And.BeLessThan(new DeliveryOptions().FailuresBeforePermanentDisable,
            "failures that finished while the disable waited for earlier attempts are not counted, as if it had been made at once");
        listeners.SelectMany(l => l.Changes).Should().NotContain(c => c.Current.Status == IntegrationHealthStatus.PermanentlyDisabled);
    }

    /// <summary>Starts the fixture's number of worker hosts on the real clock, each with a listener of its own.</summary>
    private async Task StartWorkersAsync(List<IntegrationsTestHost> hosts, List<RecordingHealthListener> listeners, Action<DeliveryOptions> delivery)
    {
        for (var i = 0; i < workers; i++)
        {
            hosts.Add(await IntegrationsTestHost.StartAsync(Kind, Configure, o =>
            {
                ConfigureOptions(o);
                o.Encryption.Keys.Clear();
                o.Encryption.AddKey("test-key", Host.Key);
                o.Delivery.MaxConcurrency = 16;
                o.Delivery.Retention = TimeSpan.FromDays(3650); // the deliveries were dispatched on the test clock, weeks before the real one
                delivery(o.Delivery);
            }, Host.Database, TimeProvider.System));
            listeners.Add(HealthListener); // Configure made a new one for this host
        }

        await Task.WhenAll(hosts.Select(h => h.StartWorkersAsync()));
    }

    private static void NoDisableWithoutTheFailuresToJustifyIt(BurstRun run)
    {
        var disables = run.Heard.Where(c => c.Current.Status is IntegrationHealthStatus.TemporarilyDisabled or IntegrationHealthStatus.PermanentlyDisabled).ToList();
        if (disables.Count > 0)
        {
            run.LongestFailureRun.Should().BeGreaterThan(Grace,
                $"a disable was announced ({string.Join(", ", disables.Select(d => d.Current.Status))}), which needs more than {Grace} consecutive failures as the attempts finished");
        }
    }

    /// <summary>Runs the workers until every delivery is finished, then stops them (so every announcement was made).</summary>
    private async Task<BurstRun> RunAsync(int events, Func<int, int> statusOfArrival)
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        var arrivals = -1;
        Receiver.Respond = (_, context) =>
        {
            var status = statusOfArrival(Interlocked.Increment(ref arrivals));
            context.Response.StatusCode = status;
            if (status == 429)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            return Task.CompletedTask;
        };

        var enqueued = new List<EnqueuedDelivery>();
        for (var i = 0; i < events; i++)
        {
            enqueued.AddRange(await DispatchAsync("1", Push()));
        }

        var hosts = new List<IntegrationsTestHost>();
        var listeners = new List<RecordingHealthListener>();
        try
        {
            await StartWorkersAsync(hosts, listeners, delivery =>
            {
                delivery.DisableBackoffBase = delivery.DisableBackoffMax = TimeSpan.FromSeconds(1); // a justified disable holds briefly
                delivery.RetrySchedule.Clear();
                for (var r = 0; r < 10; r++)
                {
                    delivery.RetrySchedule.Add(TimeSpan.FromMilliseconds(100));
                }
            });
            foreach (var delivery in enqueued)
            {
                await WaitForAsync(delivery.DeliveryId, d => d.Status is DeliveryStatus.Succeeded or DeliveryStatus.Dead, "it is finished", TimeSpan.FromSeconds(120));
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }

        var attempts = new List<DeliveryAttempt>();
        var deliveries = new List<DeliverySummary>();
        foreach (var delivery in enqueued)
        {
            attempts.AddRange(await LogAsync(log => log.GetAttemptsAsync(delivery.DeliveryId)));
            deliveries.Add((await DeliveryAsync(delivery.DeliveryId))!);
        }

        var stored = await LogAsync(log => log.GetHealthAsync(hook.Id));
        var heard = listeners.SelectMany(l => l.Changes).ToList();
        foreach (var listener in listeners)
        {
            listener.Changes.Select(c => c.Version).Should().BeInAscendingOrder("one process announces its changes in the order they were stored");
        }

        var newest = heard.MaxBy(c => c.Version);
        (newest?.Current.Status ?? IntegrationHealthStatus.Healthy).Should().Be(stored.Status, "the newest change a listener heard is the stored state");
        var longest = LongestFailureRun(attempts);
        TestContext.Out.WriteLine($"{Kind}, {workers} worker(s): {attempts.Count} attempts ({attempts.Count(a => a.ResponseStatus == 500)} × 500, {attempts.Count(a => a.ResponseStatus == 429)} × 429); " +
            $"longest run of failures as they finished: {longest}. Heard: {string.Join(", ", heard.OrderBy(c => c.Version).Select(c => $"v{c.Version} {c.Current.Status}"))}");
        return new BurstRun(attempts, deliveries, heard, stored, longest);
    }

    /// <summary>
    /// The longest run of failures in the order the attempts finished (their start plus duration, as the worker records
    /// them), letting attempts that finished in the same millisecond fall in the order that makes the run longest. Holds
    /// (429) are neither failures nor successes.
    /// </summary>
    private static int LongestFailureRun(IEnumerable<DeliveryAttempt> attempts)
    {
        var (longest, current) = (0, 0);
        foreach (var tick in attempts.Where(a => a.ResponseStatus != 429).GroupBy(a => (a.StartedAt + a.Duration).ToUnixTimeMilliseconds()).OrderBy(g => g.Key))
        {
            var failures = tick.Count(a => !a.Succeeded);
            if (failures == tick.Count())
            {
                current += failures;
                longest = Math.Max(longest, current);
                continue;
            }

            longest = Math.Max(longest, current + failures);
            current = failures;
        }

        return longest;
    }

    private sealed record BurstRun(
        IReadOnlyList<DeliveryAttempt> Attempts, IReadOnlyList<DeliverySummary> Deliveries, IReadOnlyList<IntegrationHealthChange> Heard, IntegrationHealth Stored, int LongestFailureRun);
}
