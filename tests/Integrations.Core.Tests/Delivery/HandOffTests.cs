using Integrations.Persistence;
using Integrations.Storage;
using Integrations.TestSupport;
using Integrations.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Delivery;

/// <summary>
/// A dispatch in a process whose worker has room writes its deliveries already claimed by that worker and hands them
/// over after the commit: no claim, no payload read. Here the test opens the worker's inbox itself and reads what was
/// handed over, so nothing else takes the deliveries first.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.SqlitePortable)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class HandOffTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    [Test]
    public async Task A_dispatch_hands_its_deliveries_to_the_local_worker_already_claimed()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        var inbox = Host.Services.GetRequiredService<WorkerInbox>();
        var (reader, room) = inbox.Open(capacity: 8);

        var enqueued = await DispatchAsync("1", Push());

        reader.TryRead(out var handed).Should().BeTrue("the delivery was handed over after its commit");
        handed.Claimed.Delivery.Id.Should().Be(enqueued.Single().DeliveryId);
        handed.Claimed.Payload.Should().Contain("\"object_kind\":\"push\"", "the payload travels with it, so the worker does not read it back");
        handed.Token.Should().StartWith(inbox.WorkerId + ":");
        room.CurrentCount.Should().Be(7, "a handed delivery takes room until its outcome is recorded");

        var row = await RowAsync(handed.Claimed.Delivery.Id);
        row.Status.Should().Be(DeliveryStatus.Delivering);
        row.LeaseOwner.Should().Be(handed.Token);
        row.LeaseExpiresAt.Should().Be(Host.Time.GetUtcNow().ToUnixTimeMilliseconds() + (long)TimeSpan.FromMinutes(2).TotalMilliseconds);
    }

    [Test]
    public async Task Only_as_many_deliveries_as_the_worker_has_room_for_are_handed_over_the_rest_wait_for_a_claim()
    {
        for (var i = 0; i < 3; i++)
        {
            await SaveHookAsync(IntegrationScope.Project(1));
        }

        var (reader, room) = Host.Services.GetRequiredService<WorkerInbox>().Open(capacity: 2);

        var enqueued = await DispatchAsync("1", Push());

        enqueued.Should().HaveCount(3);
        reader.Count.Should().Be(2);
        room.CurrentCount.Should().Be(0);
        var rows = await Host.ScopeAsync(sp => sp.GetRequiredService<IntegrationsDbContext>().Set<DeliveryRecord>().AsNoTracking().ToListAsync());
        rows.Count(r => r.Status == DeliveryStatus.Delivering && r.LeaseOwner != null).Should().Be(2);
        rows.Should().ContainSingle(r => r.Status == DeliveryStatus.Pending && r.LeaseOwner == null && r.LeaseExpiresAt == null);
    }

    [Test]
    public async Task Without_a_running_worker_deliveries_are_written_pending()
    {
        await SaveHookAsync(IntegrationScope.Project(1));

        var enqueued = await DispatchAsync("1", Push());

        (await RowAsync(enqueued.Single().DeliveryId)).Status.Should().Be(DeliveryStatus.Pending);
    }

    [Test]
    public async Task A_handed_delivery_whose_worker_never_ran_it_is_taken_over_after_its_lease()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        Host.Services.GetRequiredService<WorkerInbox>().Open(capacity: 8); // a worker that takes the delivery and dies
        var enqueued = await DispatchAsync("1", Push());
        (await RowAsync(enqueued.Single().DeliveryId)).Status.Should().Be(DeliveryStatus.Delivering);

        await using var other = await IntegrationsTestHost.StartAsync(Kind, Configure, o =>
        {
            ConfigureOptions(o);
            o.Encryption.Keys.Clear();
            o.Encryption.AddKey("test-key", Host.Key);
        }, Host.Database, Host.Time);
        await other.StartWorkersAsync();
        Host.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        other.Services.GetRequiredService<DeliverySignal>().Notify();

        await Receiver.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        Receiver.Requests.Single().Header("webhook-id").Should().Be(enqueued.Single().DeliveryId.ToString());
        await WaitForStatusAsync(enqueued.Single().DeliveryId, DeliveryStatus.Succeeded, attempts: 1);
        await other.StopWorkersAsync();
    }

    private Task<DeliveryRecord> RowAsync(Guid id) =>
        Host.ScopeAsync(sp => sp.GetRequiredService<IntegrationsDbContext>().Set<DeliveryRecord>().AsNoTracking().SingleAsync(d => d.Id == id));
}
