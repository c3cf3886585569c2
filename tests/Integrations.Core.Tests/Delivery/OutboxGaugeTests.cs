using Integrations.Diagnostics;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Integrations.Core.Tests.Delivery;

/// <summary>The outbox gauges are measured only while something listens to them: an idle host without metrics runs no
/// periodic queries (and logs none).</summary>
[TestFixture(DatabaseKind.Sqlite)]
public class OutboxGaugeTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    [Test]
    public async Task Without_a_listener_the_idle_worker_queries_nothing_for_the_gauges()
    {
        await Host.StartWorkersAsync();
        await WorkerIdleAsync();
        AdvanceClock(TimeSpan.FromSeconds(20)); // past the gauges' 15 s interval
        await WorkerIdleAsync();

        Host.Logs.GetSnapshot().Should().NotContain(l => l.Category == "Microsoft.EntityFrameworkCore.Database.Command" && l.Message.Contains("COUNT(*)"),
            "nobody listens to integrations.outbox.depth");
    }

    [Test]
    public async Task With_a_listener_the_depth_gauge_reports_the_pending_deliveries()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(429, r => r.Headers.RetryAfter = "3600"); // both stay pending for an hour
        var meters = Host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var depth = new MetricCollector<long>(meters, IntegrationsTelemetry.Name, "integrations.outbox.depth");
        await DispatchAsync("1", Push());
        await DispatchAsync("1", Push());
        await Host.StartWorkersAsync();
        await Receiver.WaitForRequestsAsync(2);
        await WorkerIdleAsync();
        AdvanceClock(TimeSpan.FromSeconds(20)); // the gauges' next measurement, the retries still an hour away
        await WorkerIdleAsync();

        depth.RecordObservableInstruments();
        depth.LastMeasurement!.Value.Should().Be(2, "both deliveries wait for their retry");
    }
}
