using Integrations.DeliveryLog;
using Integrations.Health;
using Integrations.Persistence;
using Integrations.Storage;
using Integrations.TestSettings;
using Integrations.TestSupport;
using Integrations.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Integrations.Core.Tests.Delivery;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.SqlitePortable)]
[TestFixture(DatabaseKind.PostgreSql)]
public class DeliveryLogTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    [Test]
    public async Task Deliveries_are_filtered_by_project_and_counted_by_status()
    {
        await SaveHookAsync(IntegrationScope.Instance, h => h.EnabledEvents = IntegrationEvents.All);
        for (var i = 0; i < 3; i++)
        {
            await DispatchAsync("1", Push());
        }

        await DispatchAsync("2", Push());

        (await LogAsync(log => log.QueryAsync(new DeliveryQuery { ProjectId = "1" }))).Items.Should().HaveCount(3).And.OnlyContain(d => d.ProjectId == "1");
        var counts = await LogAsync(log => log.CountAsync(new DeliveryQuery { ProjectId = "1" }));
        counts.Should().BeEquivalentTo(new Dictionary<DeliveryStatus, long>
        {
            [DeliveryStatus.Pending] = 3, [DeliveryStatus.Delivering] = 0, [DeliveryStatus.Succeeded] = 0, [DeliveryStatus.Dead] = 0, [DeliveryStatus.Skipped] = 0,
        });
        (await LogAsync(log => log.CountAsync()))[DeliveryStatus.Pending].Should().Be(4);
    }

    [Test]
    public async Task Health_of_many_integrations_is_read_at_once()
    {
        var failing = await SaveHookAsync(IntegrationScope.Project(1), h => h.Url = Receiver.Url("fail").ToString());
        var quiet = await SaveHookAsync(IntegrationScope.Project(2));
        Receiver.Respond = (request, context) =>
        {
            context.Response.StatusCode = request.PathAndQuery == "/fail" ? 400 : 200;
            return Task.CompletedTask;
        };
        await Host.StartWorkersAsync();
        await WaitForStatusAsync((await DispatchAsync("1", Push())).Single().DeliveryId, DeliveryStatus.Dead);

        var health = await LogAsync(log => log.GetHealthAsync([failing.Id, quiet.Id, failing.Id]));

        health.Should().HaveCount(2);
        health[failing.Id].Status.Should().Be(IntegrationHealthStatus.Failing);
        health[quiet.Id].Status.Should().Be(IntegrationHealthStatus.Healthy);
    }

    [Test]
    public async Task Statuses_serialize_as_names_a_client_can_read()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        var delivery = (await DispatchAsync("1", Push())).Single();
        var summary = (await DeliveryAsync(delivery.DeliveryId))!;
        var health = await LogAsync(log => log.GetHealthAsync(Guid.NewGuid()));

        System.Text.Json.JsonSerializer.Serialize(summary).Should().Contain("\"Status\":\"pending\"");
        System.Text.Json.JsonSerializer.Serialize(health).Should().Contain("\"Status\":\"healthy\"");
        System.Text.Json.JsonSerializer.Serialize(IntegrationHealthStatus.TemporarilyDisabled).Should().Be("\"temporarily_disabled\"");
    }

    [Test]
    public async Task Deliveries_are_queried_by_integration_status_event_and_time_with_paging()
    {
        var first = await SaveHookAsync(IntegrationScope.Project(1), h => h.EnabledEvents = IntegrationEvents.All);
        var second = await SaveHookAsync(IntegrationScope.Project(2), h => h.EnabledEvents = IntegrationEvents.All);
        var start = Host.Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await DispatchAsync("1", Push());
            AdvanceClock(TimeSpan.FromMinutes(1));
        }

        await DispatchAsync("1", Event(IntegrationEvents.Pipeline));
        await DispatchAsync("2", Push());

        var byIntegration = await LogAsync(log => log.QueryAsync(new DeliveryQuery { IntegrationId = first.Id }));
        byIntegration.Items.Should().HaveCount(6);
        byIntegration.Items.Select(d => d.CreatedAt).Should().BeInDescendingOrder();

        (await LogAsync(log => log.QueryAsync(new DeliveryQuery { Event = IntegrationEvents.Pipeline }))).Items.Should().ContainSingle();
        (await LogAsync(log => log.QueryAsync(new DeliveryQuery { IntegrationId = second.Id, Status = DeliveryStatus.Pending }))).Items.Should().ContainSingle();
        (await LogAsync(log => log.QueryAsync(new DeliveryQuery { Status = DeliveryStatus.Succeeded }))).Items.Should().BeEmpty();
        (await LogAsync(log => log.QueryAsync(new DeliveryQuery { From = start.AddMinutes(1), To = start.AddMinutes(3) }))).Items.Should().HaveCount(2);

        var page1 = await LogAsync(log => log.QueryAsync(new DeliveryQuery { PageSize = 3 }));
        var page3 = await LogAsync(log => log.QueryAsync(new DeliveryQuery { PageSize = 3, Page = 3 }));
        page1.HasMore.Should().BeTrue();
        page1.Items.Should().HaveCount(3);
        page3.Items.Should().ContainSingle();
        page3.HasMore.Should().BeFalse();
    }

    [Test]
    public async Task Every_failed_delivery_in_a_time_range_can_be_resent()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(400);
        await Host.StartWorkersAsync();
        var start = Host.Time.GetUtcNow();
        var failed = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var d = (await DispatchAsync("1", Push())).Single();
            await WaitForStatusAsync(d.DeliveryId, DeliveryStatus.Dead);
            failed.Add(d.DeliveryId);
            AdvanceClock(TimeSpan.FromMinutes(10));
        }

        RespondWith(200);
        var resent = await LogAsync(log => log.ResendFailedAsync(start, start.AddMinutes(15), hook.Id));

        resent.Should().Be(2);
        await WaitForStatusAsync(failed[0], DeliveryStatus.Succeeded);
        await WaitForStatusAsync(failed[1], DeliveryStatus.Succeeded);
        (await DeliveryAsync(failed[2]))!.Status.Should().Be(DeliveryStatus.Dead, "it was outside the range");
    }

    [Test]
    public async Task Retention_removes_old_finished_deliveries_attempts_and_payloads_but_keeps_pending_work()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        await Host.StartWorkersAsync();
        var old = (await DispatchAsync("1", Push())).Single();
        await WaitForStatusAsync(old.DeliveryId, DeliveryStatus.Succeeded);
        await Host.StopWorkersAsync();
        var pending = (await DispatchAsync("1", Push())).Single();

        AdvanceClock(TimeSpan.FromDays(15));

        // A delivery finished within the retention period (marked delivered here, so the worker stays stopped).
        var recent = (await DispatchAsync("1", Push())).Single();
        var now = Host.Time.GetUtcNow().ToUnixTimeMilliseconds();
        await Host.ScopeAsync(sp => sp.GetRequiredService<IntegrationsDbContext>().Set<DeliveryRecord>().Where(d => d.Id == recent.DeliveryId)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Succeeded).SetProperty(d => d.CompletedAt, now)));
        var worker = Host.Services.GetServices<IHostedService>().OfType<DeliveryWorker>().Single();
        await worker.ApplyRetentionAsync(CancellationToken.None);

        (await DeliveryAsync(old.DeliveryId)).Should().BeNull();
        (await DeliveryAsync(recent.DeliveryId))!.Status.Should().Be(DeliveryStatus.Succeeded, "it is within the retention period");
        (await LogAsync(log => log.GetAttemptsAsync(old.DeliveryId))).Should().BeEmpty();
        (await DeliveryAsync(pending.DeliveryId))!.Status.Should().Be(DeliveryStatus.Pending);
        var payloads = await Host.ScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IntegrationsDbContext>();
            var pendingPayload = (await db.Set<DeliveryRecord>().SingleAsync(d => d.Id == pending.DeliveryId)).PayloadId;
            var recentPayload = (await db.Set<DeliveryRecord>().SingleAsync(d => d.Id == recent.DeliveryId)).PayloadId;
            return (Ids: await db.Set<DeliveryPayloadRecord>().Select(p => p.Id).ToListAsync(), Pending: pendingPayload, Recent: recentPayload);
        });
        payloads.Ids.Should().BeEquivalentTo([payloads.Pending, payloads.Recent], "the old finished delivery's payload went with it; the others stay");
        Host.Logs.GetSnapshot().Should().Contain(l => l.Id.Id == 2009);
    }

    [Test]
    public async Task Test_settings_uses_unsaved_values_sends_a_sample_and_stores_nothing()
    {
        var unsaved = new TestHookIntegration { Scope = IntegrationScope.Group("g"), Active = true, Url = Receiver.Url("test").ToString(), Token = "t0ken-value" };

        var test = await Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationTester>().TestAsync(unsaved, IntegrationEvents.MergeRequest));

        test.Result.Succeeded.Should().BeTrue();
        var received = Receiver.Requests.Single();
        received.Header("X-Gitlab-Event").Should().Be("Merge Request Hook");
        received.BodyText.Should().Contain("\"object_kind\":\"merge_request\"").And.Contain("\"object_attributes\":");
        test.Attempt!.ResponseStatus.Should().Be(200);
        test.Attempt.RequestHeaders.Values.Should().NotContain(v => v.Contains("t0ken-value"));
        (await LogAsync(log => log.QueryAsync(new DeliveryQuery()))).Items.Should().BeEmpty();
        (await WithStoreAsync(s => s.ListAsync(IntegrationScope.Group("g")))).Items.Should().BeEmpty();
    }

    [Test]
    public async Task A_failing_test_says_why()
    {
        RespondWith(401);
        var unsaved = new TestHookIntegration { Scope = IntegrationScope.Project(1), Url = Receiver.Url("test").ToString() };

        var test = await Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationTester>().TestAsync(unsaved));

        test.Result.Succeeded.Should().BeFalse();
        test.Result.Message.Should().StartWith("HTTP 401");
    }
}
