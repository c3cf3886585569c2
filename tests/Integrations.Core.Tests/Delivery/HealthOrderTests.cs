using Integrations.Health;
using Integrations.Persistence;
using Integrations.Storage;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Delivery;

/// <summary>
/// Auto-disable decided on the order in which attempts finished, not the order their outcomes commit: an attempt still
/// being committed may have finished before the failure that would disable, so the disable waits for it.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.SqlitePortable)]
[TestFixture(DatabaseKind.PostgreSql)]
public class HealthOrderTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    private static readonly TimeSpan Lease = new DeliveryOptions().LeaseDuration;

    private long Now => Host.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Test]
    public async Task A_success_that_finished_between_failures_but_commits_last_means_no_disable()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        var t = Now - 10_000;
        var slow = await InFlightAsync(hook.Id, claimedAt: t); // its call ends at t + 250, a success, committed last

        foreach (var at in new[] { t + 100, t + 200, t + 300, t + 400 })
        {
            await ApplyAsync(hook.Id, new HealthObservation(HealthEffect.Failure, at, "HTTP 500"));
        }

        var beforeTheSuccess = await HealthAsync(hook.Id);
        beforeTheSuccess.Status.Should().Be(IntegrationHealthStatus.Failing, "an attempt claimed before the fourth failure is not committed yet");
        beforeTheSuccess.RecentFailures.Should().Be(4);

        await FinishAsync(slow, DeliveryStatus.Succeeded);
        await ApplyAsync(hook.Id, new HealthObservation(HealthEffect.Success, t + 250));

        var health = await HealthAsync(hook.Id);
        health.Status.Should().Be(IntegrationHealthStatus.Failing);
        health.RecentFailures.Should().BeLessThan(3, "only the failures after the success are in the run");
        health.DisabledUntil.Should().BeNull();
        HealthListener.Changes.Select(c => c.Current.Status).Should().NotContain(IntegrationHealthStatus.TemporarilyDisabled);
    }

    [Test]
    public async Task When_the_attempt_in_flight_also_failed_its_commit_disables()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        var t = Now - 10_000;
        var slow = await InFlightAsync(hook.Id, claimedAt: t);
        foreach (var at in new[] { t + 100, t + 200, t + 300, t + 400 })
        {
            await ApplyAsync(hook.Id, new HealthObservation(HealthEffect.Failure, at, "HTTP 500"));
        }

        await FinishAsync(slow, DeliveryStatus.Dead);
        await ApplyAsync(hook.Id, new HealthObservation(HealthEffect.Failure, t + 250, "HTTP 500"));

        var health = await HealthAsync(hook.Id);
        health.Status.Should().Be(IntegrationHealthStatus.TemporarilyDisabled, "five failures in a row, all committed");
        health.RecentFailures.Should().Be(4, "the disable was due at the fourth; made at once, it would have held the fifth call back, so it adds nothing");
        health.DisabledUntil.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(t + 400) + TimeSpan.FromMinutes(2), "2 ^ (4 − 3) minutes from the last failure counted");
        var heard = await HealthListener.WaitForAsync(c => c.Any(x => x.Current.Status == IntegrationHealthStatus.TemporarilyDisabled), "the disable is announced");
        heard.Select(c => c.Version).Should().BeInAscendingOrder();
    }

    [Test]
    public async Task Under_steady_traffic_the_disable_waits_only_for_attempts_claimed_before_it_became_due()
    {
        // A receiver that is down while events keep coming: there is always an attempt in flight that was claimed before
        // the newest failure. Only those claimed before the disable became due may hold it back, or it would never come.
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        var t = Now - 10_000;
        var first = await InFlightAsync(hook.Id, claimedAt: t + 350);
        foreach (var at in new[] { t + 100, t + 200, t + 300, t + 400 })
        {
            await ApplyAsync(hook.Id, new HealthObservation(HealthEffect.Failure, at, "HTTP 500"));
        }

        (await HealthAsync(hook.Id)).Status.Should().Be(IntegrationHealthStatus.Failing, "the attempt claimed at +350 may have finished before +400");
        await InFlightAsync(hook.Id, claimedAt: t + 420); // claimed after the disable became due, before the next failure
        await FinishAsync(first, DeliveryStatus.Dead);
        await ApplyAsync(hook.Id, new HealthObservation(HealthEffect.Failure, t + 450, "HTTP 500"));

        var health = await HealthAsync(hook.Id);
        health.Status.Should().Be(IntegrationHealthStatus.TemporarilyDisabled, "everything claimed before the disable became due has committed");
        health.RecentFailures.Should().Be(4, "the failure at +450 finished after the disable became due: made at once, it would have held that call back");
        health.DisabledUntil.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(t + 400) + TimeSpan.FromMinutes(2));
    }

    [Test]
    public async Task An_attempt_claimed_after_the_last_failure_does_not_hold_the_disable_back()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        var t = Now - 10_000;
        await InFlightAsync(hook.Id, claimedAt: t + 500);
        foreach (var at in new[] { t + 100, t + 200, t + 300, t + 400 })
        {
            await ApplyAsync(hook.Id, new HealthObservation(HealthEffect.Failure, at, "HTTP 500"));
        }

        (await HealthAsync(hook.Id)).Status.Should().Be(IntegrationHealthStatus.TemporarilyDisabled, "it could not have finished before the fourth failure");
    }

    [Test]
    public async Task An_attempt_whose_lease_ran_out_does_not_hold_the_disable_back()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        await InFlightAsync(hook.Id, claimedAt: Now - Lease.Ticks / TimeSpan.TicksPerMillisecond - 10_000); // its worker died: the lease ended 10 s ago
        foreach (var at in new[] { Now - 400, Now - 300, Now - 200, Now - 100 })
        {
            await ApplyAsync(hook.Id, new HealthObservation(HealthEffect.Failure, at, "HTTP 500"));
        }

        (await HealthAsync(hook.Id)).Status.Should().Be(IntegrationHealthStatus.TemporarilyDisabled);
    }

    [Test]
    public async Task Changes_announced_out_of_order_reach_listeners_in_version_order()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        var health = Host.Services.GetRequiredService<IntegrationHealthService>();
        var failing = Change(hook.Id, IntegrationHealthStatus.Healthy, IntegrationHealthStatus.Failing, version: 5);
        var healthy = Change(hook.Id, IntegrationHealthStatus.Failing, IntegrationHealthStatus.Healthy, version: 6);

        await health.NotifyAsync(healthy, CancellationToken.None); // the newer change's continuation ran first
        await health.NotifyAsync(failing, CancellationToken.None);

        HealthListener.Changes.Should().Equal([healthy], "the older change is superseded: the listener ends in the stored state");
    }

    private static IntegrationHealthChange Change(Guid id, IntegrationHealthStatus from, IntegrationHealthStatus to, int version) =>
        new(id, "test_hook", from, new IntegrationHealth(id, to, to == IntegrationHealthStatus.Failing ? 1 : 0, null, null, null, null), "test", version);

    private Task<IntegrationHealth> HealthAsync(Guid id) => LogAsync(log => log.GetHealthAsync(id));

    /// <summary>Applies one observation the way the outcome writer does: in a transaction, announced after commit.</summary>
    private Task ApplyAsync(Guid integrationId, HealthObservation observation) => Host.ScopeAsync(async sp =>
    {
        var service = sp.GetRequiredService<IntegrationHealthService>();
        var context = sp.GetRequiredService<IIntegrationsDbContextProvider>().Context;
        HealthWrite write;
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            write = await service.ApplyAsync(context, integrationId, "test_hook", [observation], "test", CancellationToken.None);
            await transaction.CommitAsync();
        }

        service.Forget(integrationId);
        await service.NotifyAsync(write.Change, CancellationToken.None);
    });

    /// <summary>A delivery of the integration that a worker claimed at <paramref name="claimedAt"/> and is still attempting.</summary>
    private Task<Guid> InFlightAsync(Guid integrationId, long claimedAt) => Host.ScopeAsync(async sp =>
    {
        var context = sp.GetRequiredService<IIntegrationsDbContextProvider>().Context;
        var delivery = new DeliveryRecord
        {
            Id = Guid.CreateVersion7(), EventId = Guid.NewGuid(), IntegrationId = integrationId, IntegrationType = "test_hook", ProjectId = "1",
            EventKind = "push", PayloadId = Guid.NewGuid(), Status = DeliveryStatus.Delivering, LeaseOwner = "worker-a:1",
            LeaseExpiresAt = claimedAt + Lease.Ticks / TimeSpan.TicksPerMillisecond, CreatedAt = claimedAt, NextAttemptAt = claimedAt,
        };
        context.Set<DeliveryRecord>().Add(delivery);
        await context.SaveChangesAsync();
        return delivery.Id;
    });

    private Task FinishAsync(Guid deliveryId, DeliveryStatus status) => Host.ScopeAsync(async sp =>
    {
        var context = sp.GetRequiredService<IIntegrationsDbContextProvider>().Context;
        await context.Set<DeliveryRecord>().Where(d => d.Id == deliveryId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, status).SetProperty(d => d.LeaseOwner, (string?)null));
    });
}
