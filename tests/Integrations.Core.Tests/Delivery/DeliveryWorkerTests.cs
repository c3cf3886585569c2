using Integrations.Core.Tests.Webhooks;
using Integrations.Health;
using Integrations.Storage;
using Integrations.TestSupport;
using Integrations.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Delivery;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.SqlitePortable)]
[TestFixture(DatabaseKind.PostgreSql)]
public class DeliveryWorkerTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    [Test]
    public async Task The_worker_delivers_the_payload_byte_for_byte_signed_and_logged()
    {
        var secret = WebhookSecret.Generate();
        await SaveHookAsync(IntegrationScope.Project(1), h =>
        {
            h.Token = "gitlab-token-1";
            h.SigningSecret = secret;
        });
        var push = Push(extra: ",\"commits\":[{\"id\":\"b6568db1\",\"message\":\"Update README ✓\"}],\"total_commits_count\":1");
        var delivery = (await DispatchAsync("1", push)).Single();
        await Host.StartWorkersAsync();

        var done = await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded, attempts: 1);

        var received = Receiver.Requests.Single();
        received.Body.Should().Equal(push.ToJsonUtf8());
        received.Header("X-Gitlab-Event").Should().Be("Push Hook");
        received.Header("X-Gitlab-Event-UUID").Should().Be(push.Id.ToString());
        received.Header("X-Gitlab-Token").Should().Be("gitlab-token-1");
        received.Header("webhook-id").Should().Be(delivery.DeliveryId.ToString());
        received.Header("Idempotency-Key").Should().Be(delivery.DeliveryId.ToString());
        StandardWebhooksVerifier.Verify(secret, received.Header("webhook-id")!, received.Header("webhook-timestamp")!, received.Header("webhook-signature")!, received.Body, Host.Time.GetUtcNow())
            .Should().BeTrue();
        done.LastStatusCode.Should().Be(200);
        done.CompletedAt.Should().Be(Host.Time.GetUtcNow());

        var attempt = (await LogAsync(log => log.GetAttemptsAsync(delivery.DeliveryId))).Single();
        attempt.Succeeded.Should().BeTrue();
        attempt.ResponseStatus.Should().Be(200);
        attempt.RequestMethod.Should().Be("POST");
        attempt.RequestUrl.Should().Be(Receiver.Url("hook").ToString());
        attempt.RequestBody.Should().Be(System.Text.Encoding.UTF8.GetString(push.ToJsonUtf8()));
        var stored = await Host.ScopeAsync(sp => sp.GetRequiredService<Integrations.Persistence.IntegrationsDbContext>().Set<DeliveryAttemptRecord>().AsNoTracking().SingleAsync());
        stored.RequestBody.Should().BeNull("the body is the payload, which is stored once; the log reads it from there");
        stored.RequestBodyIsPayload.Should().BeTrue();
        attempt.RequestHeaders["X-Gitlab-Token"].Should().Be("[REDACTED]");
        attempt.RequestHeaders["User-Agent"].Should().Be(Receiver.Requests.Single().Header("User-Agent"), "the log shows what was sent");
    }

    [Test]
    public async Task Typed_payloads_go_through_filters_and_arrive_as_GitLab_json()
    {
        await SaveHookAsync(IntegrationScope.Project(1), h =>
        {
            h.BranchFilterStrategy = Integrations.Events.BranchFilterStrategy.Wildcard;
            h.PushEventsBranchFilter = "main";
            h.EnabledEvents = IntegrationEvents.Push | IntegrationEvents.ConfidentialIssue;
        });
        var push = Integrations.Events.SampleEvents.Push();
        var confidential = Integrations.Events.SampleEvents.Issue(confidential: true);

        var pushed = (await DispatchAsync("1", push)).Single();
        var issued = (await DispatchAsync("1", confidential)).Single();
        (await DispatchAsync("1", Integrations.Events.SampleEvents.Issue())).Should().BeEmpty("only confidential issues are subscribed");
        await Host.StartWorkersAsync();
        await WaitForStatusAsync(pushed.DeliveryId, DeliveryStatus.Succeeded);
        await WaitForStatusAsync(issued.DeliveryId, DeliveryStatus.Succeeded);

        var byId = Receiver.Requests.ToDictionary(r => r.Header("webhook-id")!);
        byId[pushed.DeliveryId.ToString()].Body.Should().Equal(push.ToJsonUtf8());
        byId[pushed.DeliveryId.ToString()].Header("X-Gitlab-Event").Should().Be("Push Hook");
        byId[issued.DeliveryId.ToString()].Header("X-Gitlab-Event").Should().Be("Confidential Issue Hook");
        byId[issued.DeliveryId.ToString()].BodyText.Should().Contain("\"event_type\":\"confidential_issue\"");
    }

    [Test]
    public async Task A_receiver_that_is_down_and_then_up_loses_nothing()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(503);
        var delivery = (await DispatchAsync("1", Push())).Single();
        await Host.StartWorkersAsync();

        var waiting = await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Pending, attempts: 1);
        var delay = waiting.NextAttemptAt!.Value - Host.Time.GetUtcNow();
        delay.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(4)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(6), "the first retry waits 5 s ± 20 %");
        waiting.LastStatusCode.Should().Be(503);

        RespondWith(200);
        AdvanceClock(TimeSpan.FromSeconds(7));
        await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded, attempts: 2);

        Receiver.Requests.Select(r => r.Header("webhook-id")).Should().Equal(delivery.DeliveryId.ToString(), delivery.DeliveryId.ToString());
        (await LogAsync(log => log.GetAttemptsAsync(delivery.DeliveryId))).Select(a => a.ResponseStatus).Should().Equal(503, 200);
    }

    [Test]
    public async Task A_receiver_that_refuses_connections_is_retried()
    {
        var closed = await TestReceiver.StartAsync();
        var url = closed.Url("hook").ToString();
        await closed.DisposeAsync();
        await SaveHookAsync(IntegrationScope.Project(1), h => h.Url = url);
        var delivery = (await DispatchAsync("1", Push())).Single();
        await Host.StartWorkersAsync();

        var waiting = await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Pending, attempts: 1);

        waiting.LastError.Should().StartWith("Could not reach the receiver");
    }

    [Test]
    public async Task Retry_after_from_a_429_is_honoured()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(429, r => r.Headers.RetryAfter = "30");
        var delivery = (await DispatchAsync("1", Push())).Single();
        await Host.StartWorkersAsync();

        var waiting = await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Pending, attempts: 1);
        waiting.NextAttemptAt.Should().Be(Host.Time.GetUtcNow().AddSeconds(30));

        RespondWith(200);
        AdvanceClock(TimeSpan.FromSeconds(29));
        await WorkerIdleAsync();
        Receiver.Requests.Should().HaveCount(1, "Retry-After asked for 30 s");

        AdvanceClock(TimeSpan.FromSeconds(2));
        await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded, attempts: 2);
    }

    [Test]
    public async Task A_503_with_a_date_in_retry_after_is_honoured()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        var until = Host.Time.GetUtcNow().AddMinutes(2);
        RespondWith(503, r => r.Headers.RetryAfter = until.ToString("R"));
        var delivery = (await DispatchAsync("1", Push())).Single();
        await Host.StartWorkersAsync();

        (await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Pending, attempts: 1)).NextAttemptAt.Should().Be(until);
    }

    [Test]
    public async Task Client_errors_are_not_retried_but_count_towards_auto_disable()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(400);
        var delivery = (await DispatchAsync("1", Push())).Single();
        await Host.StartWorkersAsync();

        var dead = await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Dead, attempts: 1);

        dead.LastStatusCode.Should().Be(400);
        var health = await LogAsync(log => log.GetHealthAsync(hook.Id));
        health.Status.Should().Be(IntegrationHealthStatus.Failing);
        health.RecentFailures.Should().Be(1);
    }

    [Test]
    public async Task The_worker_rides_out_a_database_outage_and_delivers_once_it_is_back()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(200);
        var delivery = (await DispatchAsync("1", Push())).Single();

        // The outage: the deliveries table is gone, so every claim fails. The worker retries after its poll interval,
        // on the injected clock: each advance of the clock is one more attempt.
        await Host.ExecuteSqlAsync("ALTER TABLE \"integration_deliveries\" RENAME TO \"integration_deliveries_away\"");
        await Host.StartWorkersAsync();
        for (var failures = 1; failures <= 3; failures++)
        {
            await WaitForLogAsync(2007, failures);
            AdvanceClock(TimeSpan.FromMilliseconds(20));
        }

        Receiver.Requests.Should().BeEmpty();

        await Host.ExecuteSqlAsync("ALTER TABLE \"integration_deliveries_away\" RENAME TO \"integration_deliveries\"");
        AdvanceClock(TimeSpan.FromMilliseconds(20));
        await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded, attempts: 1);
        Receiver.Requests.Should().HaveCount(1);
        Host.Logs.GetSnapshot().Should().NotContain(l => l.Id.Id == 2013, "a failed claim is an expected failure, not a worker bug");
    }

    /// <summary>Waits until the host has logged <paramref name="count"/> records with the event id.</summary>
    private async Task WaitForLogAsync(int eventId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Host.Logs.GetSnapshot().Count(l => l.Id.Id == eventId) < count)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"event {eventId} should be logged {count} time(s)");
            await Task.Delay(10); // polling an observable condition, not asserting after a sleep
        }
    }

    [Test]
    public async Task An_unexpected_error_in_the_worker_loop_is_logged_and_deliveries_go_on()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(200);

        // Nothing is due, so the worker loop is the only reader of the clock's timestamp until the fault has fired.
        Host.Time.FailNextTimestamp(new InvalidOperationException("injected fault"));
        await Host.StartWorkersAsync();
        await WaitForLogAsync(2013, 1);

        Host.Logs.GetSnapshot().Should().ContainSingle(l => l.Id.Id == 2013)
            .Which.Should().Match<Microsoft.Extensions.Logging.Testing.FakeLogRecord>(l => l.Message.Contains("keeps running") && l.Exception!.Message == "injected fault");

        var delivery = (await DispatchAsync("1", Push())).Single();
        await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded, attempts: 1);
        Receiver.Requests.Should().HaveCount(1);
    }

    [Test]
    public async Task Redirects_are_failures_and_are_not_followed()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(302, r => r.Headers.Location = "http://127.0.0.1:1/elsewhere");
        var delivery = (await DispatchAsync("1", Push())).Single();
        await Host.StartWorkersAsync();

        var dead = await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Dead, attempts: 1);

        dead.LastError.Should().Contain("redirect to http://127.0.0.1:1/elsewhere not followed");
        Receiver.Requests.Should().ContainSingle();
    }

    [Test]
    public async Task A_slow_receiver_times_out_after_the_integrations_own_timeout_and_is_retried()
    {
        await SaveHookAsync(IntegrationScope.Project(1), h => h.TimeoutSeconds = 1);
        Receiver.Respond = async (_, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            context.Response.StatusCode = 200;
        };
        var delivery = (await DispatchAsync("1", Push())).Single();
        await Host.StartWorkersAsync();
        await Receiver.WaitForRequestsAsync(1);
        AdvanceClock(TimeSpan.FromSeconds(1)); // the timeout runs on the injected clock

        var waiting = await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Pending, attempts: 1);

        waiting.LastError.Should().Be("Timed out after 1 s.");
    }

    [Test]
    public async Task A_delivery_to_a_private_address_is_refused_with_a_clear_reason_and_not_retried()
    {
        // Allowed when saved, no longer when delivered: the connect-time guard is the real defence.
        var allowed = Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<IntegrationsOptions>>().CurrentValue.Network.AllowedHosts;
        allowed.Add("10.20.30.40");
        await SaveHookAsync(IntegrationScope.Project(1), h => h.Url = "http://10.20.30.40/hook");
        allowed.Remove("10.20.30.40");
        var delivery = (await DispatchAsync("1", Push())).Single();
        await Host.StartWorkersAsync();

        var dead = await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Dead, attempts: 1);

        dead.LastError.Should().StartWith("The request to '10.20.30.40' was refused: 10.20.30.40 is a private network address (RFC 1918).");
    }

    [TestCase("http://10.20.30.40/hook", "The request to '10.20.30.40' was refused: 10.20.30.40 is a private network address (RFC 1918).")]
    [TestCase("http://[::1]:8080/hook", "The request to '::1' was refused: ::1 is a loopback address")]
    [TestCase("http://[::ffff:169.254.169.254]/latest", "was refused")]
    public async Task A_URL_that_can_never_be_delivered_is_refused_at_save_with_the_guards_message(string url, string message)
    {
        var saving = () => SaveHookAsync(IntegrationScope.Project(1), h => h.Url = url);

        (await saving.Should().ThrowAsync<Integrations.Validation.IntegrationValidationException>())
            .Which.Errors["url"].Single().Should().Contain(message).And.Contain("Network.AllowedHosts");
    }

    [Test]
    public async Task After_the_last_attempt_a_delivery_is_dead_and_a_resend_keeps_its_id()
    {
        Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<IntegrationsOptions>>().CurrentValue.Delivery.RetrySchedule.Clear();
        Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<IntegrationsOptions>>().CurrentValue.Delivery.RetrySchedule.Add(TimeSpan.FromSeconds(1));
        await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(500);
        var delivery = (await DispatchAsync("1", Push())).Single();
        await Host.StartWorkersAsync();
        await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Pending, attempts: 1);
        AdvanceClock(TimeSpan.FromSeconds(2));
        await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Dead, attempts: 2);

        RespondWith(200);
        (await LogAsync(log => log.ResendAsync(delivery.DeliveryId))).Should().BeTrue();
        await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded);

        Receiver.Requests.Should().HaveCount(3);
        Receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Should().Equal(delivery.DeliveryId.ToString());
        Receiver.Requests.Select(r => r.Header("X-Gitlab-Webhook-UUID")).Distinct().Should().HaveCount(3);
    }

    [Test]
    public async Task The_attempt_log_masks_secrets_and_caps_response_headers_and_body()
    {
        var hookUrl = $"http://bot:pa55word@127.0.0.1:{Receiver.Port}/hook?token=query-secret&page=2";
        await SaveHookAsync(IntegrationScope.Project(1), h =>
        {
            h.Url = hookUrl;
            h.Token = "header-secret-123";
        });
        Receiver.Respond = async (request, context) =>
        {
            for (var i = 0; i < 60; i++)
            {
                context.Response.Headers[$"X-Extra-{i:00}"] = "v";
            }

            await context.Response.WriteAsync("echo header-secret-123 " + new string('x', 20_000));
        };
        var delivery = (await DispatchAsync("1", Push(extra: ",\"note\":\"header-secret-123\""))).Single();
        await Host.StartWorkersAsync();
        await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded);

        var attempt = (await LogAsync(log => log.GetAttemptsAsync(delivery.DeliveryId))).Single();

        attempt.RequestUrl.Should().Be($"http://127.0.0.1:{Receiver.Port}/hook?token=************&page=2");
        attempt.RequestHeaders.Values.Should().NotContain(v => v.Contains("header-secret-123") || v.Contains("pa55word"));
        attempt.RequestHeaders["Authorization"].Should().Be("[REDACTED]");
        attempt.RequestBody.Should().Contain("\"note\":\"************\"");
        attempt.ResponseHeaders.Should().HaveCount(50);
        attempt.ResponseBody!.Length.Should().BeLessThanOrEqualTo(8 * 1024);
        attempt.ResponseBody.Should().StartWith("echo ************ xxx");
        Receiver.Requests.Single().Header("Authorization").Should().StartWith("Basic ", "the receiver still gets the credentials");
    }

    [Test]
    public async Task A_delivery_for_an_integration_removed_before_sending_is_dead_with_a_reason()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        var delivery = (await DispatchAsync("1", Push())).Single();
        await WithStoreAsync(store => store.DeleteAsync(hook));
        await Host.StartWorkersAsync();

        var dead = await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Dead);

        dead.LastError.Should().Be("The integration was removed.");
        Receiver.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task A_delivery_for_an_integration_that_became_unreadable_is_dead_with_the_real_reason()
    {
        await SaveHookAsync(IntegrationScope.Project(1), h => h.Token = "secret-token");
        var delivery = (await DispatchAsync("1", Push())).Single();
        await Host.ExecuteSqlAsync("UPDATE integrations SET properties = '{{not json'");
        await Host.ScopeAsync(sp => { sp.GetRequiredService<Integrations.Inheritance.IIntegrationResolver>().Invalidate(); return Task.CompletedTask; }); // the change bypassed the store
        await Host.StartWorkersAsync();

        var dead = await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Dead);

        dead.LastError.Should().StartWith("The integration's stored settings cannot be read: The stored settings are not a valid JSON object");
        Receiver.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task A_delivery_for_a_deactivated_integration_says_so()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        var delivery = (await DispatchAsync("1", Push())).Single();
        var loaded = (await FindAsync<TestHookIntegration>(IntegrationScope.Project(1)))!;
        loaded.Active = false;
        await SaveAsync(loaded);
        await Host.StartWorkersAsync();

        (await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Dead)).LastError.Should().StartWith("The integration is deactivated.");
    }

    [Test]
    public async Task Deliveries_use_the_settings_current_when_they_are_sent()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1), h => h.Url = "http://127.0.0.1:1/old");
        var delivery = (await DispatchAsync("1", Push())).Single();
        var loaded = (await FindAsync<TestHookIntegration>(IntegrationScope.Project(1)))!;
        loaded.Url = Receiver.Url("new").ToString();
        await SaveAsync(loaded);
        await Host.StartWorkersAsync();

        await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded);

        Receiver.Requests.Single().PathAndQuery.Should().Be("/new");
        hook.Id.Should().Be(loaded.Id);
    }
}
