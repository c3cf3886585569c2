using Integrations.DeliveryLog;
using Integrations.Dispatch;
using Integrations.Events;
using Integrations.Persistence;
using Integrations.Storage;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Delivery;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.SqlitePortable)]
[TestFixture(DatabaseKind.PostgreSql)]
public class DispatchTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    [Test]
    public async Task Dispatch_stores_one_delivery_per_active_subscribed_integration_including_inherited_ones()
    {
        var subscribed = await SaveHookAsync(IntegrationScope.Project(1));
        await SaveHookAsync(IntegrationScope.Project(1), h => h.Active = false);
        await SaveHookAsync(IntegrationScope.Project(1), h => h.EnabledEvents = IntegrationEvents.Issue);
        await SaveHookAsync(IntegrationScope.Project(2));
        var instanceWide = await SaveHookAsync(IntegrationScope.Instance);

        var enqueued = await DispatchAsync("1", Push());

        enqueued.Select(e => e.IntegrationId).Should().BeEquivalentTo([subscribed.Id, instanceWide.Id]);
        var stored = await DeliveryAsync(enqueued[0].DeliveryId);
        stored!.Status.Should().Be(DeliveryStatus.Pending);
        stored.Event.Should().Be("push");
        stored.ProjectId.Should().Be("1");
        Receiver.Requests.Should().BeEmpty("nothing external is contacted on the caller's thread");
    }

    [Test]
    public async Task Every_delivery_of_one_event_shares_its_event_id()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        await SaveHookAsync(IntegrationScope.Instance);
        var push = Push();

        var enqueued = await DispatchAsync("1", push);

        foreach (var delivery in enqueued)
        {
            (await DeliveryAsync(delivery.DeliveryId))!.EventId.Should().Be(push.Id);
        }

        enqueued.Select(e => e.DeliveryId).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public async Task Confidential_issues_reach_only_integrations_subscribed_to_them()
    {
        await SaveHookAsync(IntegrationScope.Project(1), h => h.EnabledEvents = IntegrationEvents.Issue);
        var confidential = await SaveHookAsync(IntegrationScope.Project(1), h => h.EnabledEvents = IntegrationEvents.Issue | IntegrationEvents.ConfidentialIssue);

        var enqueued = await DispatchAsync("1", Event(IntegrationEvents.ConfidentialIssue));

        enqueued.Should().ContainSingle().Which.IntegrationId.Should().Be(confidential.Id);
        (await DispatchAsync("1", Event(IntegrationEvents.Issue))).Should().HaveCount(2);
    }

    [Test]
    public async Task Push_branch_filters_select_branches_without_letting_tag_refs_through()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1), h =>
        {
            h.BranchFilterStrategy = BranchFilterStrategy.Wildcard;
            h.PushEventsBranchFilter = "release/*, main";
        });

        (await DispatchAsync("1", Push("refs/heads/release/2.1"))).Should().ContainSingle();
        (await DispatchAsync("1", Push("refs/heads/main"))).Should().ContainSingle();
        (await DispatchAsync("1", Push("refs/heads/feature/x"))).Should().BeEmpty();
        (await DispatchAsync("1", Push("refs/tags/release/2.1"))).Should().BeEmpty("a tag ref on a push is not a branch");
        var tagPush = new JsonEvent(IntegrationEvents.TagPush, "{\"object_kind\":\"tag_push\"}"u8, "refs/tags/v1.0");
        (await DispatchAsync("1", tagPush)).Should().ContainSingle("tag pushes are their own event, not branch-filtered").Which.IntegrationId.Should().Be(hook.Id);
    }

    [Test]
    public async Task The_transactional_variant_stores_deliveries_only_if_the_hosts_transaction_commits()
    {
        await SaveHookAsync(IntegrationScope.Project(1));

        await Host.ScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IntegrationsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await sp.GetRequiredService<IIntegrationDispatcher>().EnqueueAsync(db, "1", Push());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });
        (await LogAsync(log => log.QueryAsync(new DeliveryQuery()))).Items.Should().BeEmpty("the host's change rolled back");

        await Host.ScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IntegrationsDbContext>();
            var enqueued = await sp.GetRequiredService<IIntegrationDispatcher>().EnqueueAsync(db, "1", Push());
            enqueued.Should().ContainSingle();
            (await db.Set<DeliveryRecord>().CountAsync()).Should().Be(0, "nothing is written before the host saves");
            await db.SaveChangesAsync();
        });
        (await LogAsync(log => log.QueryAsync(new DeliveryQuery()))).Items.Should().ContainSingle();
    }

    [Test]
    public async Task Concurrent_dispatches_are_written_in_few_commits_and_all_are_durable()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        var writer = Host.Services.GetRequiredService<OutboxWriter>();
        var before = writer.Commits;

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => DispatchAsync("1", Push()))));

        results.Should().OnlyContain(r => r.Count == 1);
        var commits = writer.Commits - before;
        TestContext.Out.WriteLine($"200 concurrent dispatches took {commits} commits");
        commits.Should().BeLessThan(100, "concurrent callers share commits");
        var stored = await LogAsync(log => log.QueryAsync(new DeliveryQuery { PageSize = 500 }));
        stored.Items.Should().HaveCount(200);
    }

    [Test]
    public async Task Dispatch_with_no_subscribers_writes_nothing()
    {
        var writer = Host.Services.GetRequiredService<OutboxWriter>();

        (await DispatchAsync("1", Push())).Should().BeEmpty();

        writer.Commits.Should().Be(0);
    }
}
