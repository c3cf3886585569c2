using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Integrations.Core.Tests.Delivery;

/// <summary>The host's health endpoint sees a stuck worker and an outbox that is not keeping up.</summary>
[TestFixture(DatabaseKind.Sqlite)]
public class HealthCheckTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    protected override void Configure(IIntegrationsBuilder builder)
    {
        base.Configure(builder);
        builder.Services.AddHealthChecks().AddIntegrations(outboxDegradedAfter: TimeSpan.FromMinutes(5));
    }

    private Task<HealthReport> CheckAsync() => Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    [Test]
    public async Task The_worker_check_is_healthy_while_the_worker_makes_claim_passes_and_unhealthy_once_it_stops()
    {
        (await CheckAsync()).Entries["integrations-worker"].Status.Should().Be(HealthStatus.Unhealthy, "the worker has not started");

        await Host.StartWorkersAsync();
        await WorkerIdleAsync();
        (await CheckAsync()).Entries["integrations-worker"].Status.Should().Be(HealthStatus.Healthy);

        await Host.StopWorkersAsync();
        Host.Time.Advance(TimeSpan.FromMinutes(5));
        var stuck = (await CheckAsync()).Entries["integrations-worker"];
        stuck.Status.Should().Be(HealthStatus.Unhealthy);
        stuck.Description.Should().Contain("stuck");
    }

    [Test]
    public async Task The_outbox_check_is_degraded_when_a_due_delivery_waits_too_long()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        await DispatchAsync("1", Push());

        var fresh = (await CheckAsync()).Entries["integrations-outbox"];
        fresh.Status.Should().Be(HealthStatus.Healthy);
        fresh.Data["pending"].Should().Be(1L);

        Host.Time.Advance(TimeSpan.FromMinutes(6));
        var late = (await CheckAsync()).Entries["integrations-outbox"];
        late.Status.Should().Be(HealthStatus.Degraded);
        late.Description.Should().Contain("waited 360 s");
    }
}
