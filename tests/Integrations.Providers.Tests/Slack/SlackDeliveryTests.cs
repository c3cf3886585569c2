using System.Text.Json.Nodes;
using Integrations.Events;
using Integrations.Health;
using Integrations.Providers.Slack;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.Tests.Slack;

/// <summary>Slack notifications end to end: dispatch, outbox, worker, and a fake Slack that checks what Slack checks.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class SlackDeliveryTests(DatabaseKind kind) : ProviderTests(kind)
{
    private FakeSlack _slack = null!;

    [SetUp]
    public void UseFakeSlack()
    {
        _slack = new FakeSlack();
        Receiver.Respond = _slack.Respond;
    }

    private async Task<SlackIntegration> SaveSlackAsync(Action<SlackIntegration>? configure = null)
    {
        var slack = new SlackIntegration { Scope = IntegrationScope.Project("app"), Active = true, Webhook = new Uri(Receiver.BaseAddress, FakeSlack.Path).ToString() };
        configure?.Invoke(slack);
        await SaveAsync(slack);
        return slack;
    }

    private static JsonEvent Opened(IntegrationEvent issue)
    {
        var json = JsonNode.Parse(issue.ToJsonUtf8())!;
        json["object_attributes"]!["action"] = "open";
        return new JsonEvent(issue.Kind, System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    [Test]
    public async Task A_failed_pipeline_arrives_as_Block_Kit_with_a_fallback_and_the_danger_colour()
    {
        await SaveSlackAsync(s => s.Username = "Forge");

        await DeliverAsync("app", SampleEvents.Pipeline());

        _slack.Violations.Should().BeEmpty();
        var message = _slack.Messages.Single();
        message["text"]!.GetValue<string>().Should().StartWith("Pipeline #31 of branch main by Ada Lovelace (ada) has failed in 03:00");
        message["blocks"]![0]!["text"]!["text"]!.GetValue<string>().Should().Contain("<https://forge.example.test/platform/billing-api/-/pipelines/31|#31>");
        message["attachments"]![0]!["color"]!.GetValue<string>().Should().Be("danger");
        message["username"]!.GetValue<string>().Should().Be("Forge");
    }

    [Test]
    public async Task Per_event_channels_get_one_post_each_and_confidential_issues_fall_back_to_the_issue_channels()
    {
        await SaveSlackAsync(s =>
        {
            s.EnabledEvents = IntegrationEvents.Issue | IntegrationEvents.ConfidentialIssue | IntegrationEvents.Push;
            s.Channel = "#general";
            s.IssueChannel = "#issues, #triage";
        });

        await DeliverAsync("app", Opened(SampleEvents.Issue()));
        await DeliverAsync("app", Opened(SampleEvents.Issue(confidential: true)));
        await DeliverAsync("app", SampleEvents.Push());

        _slack.Messages.Select(m => m["channel"]!.GetValue<string>()).Should().Equal("#issues", "#triage", "#issues", "#triage", "#general");
    }

    [Test]
    public async Task An_unknown_channel_fails_at_once_with_a_message_that_names_it()
    {
        _slack.Failures["#gone"] = (404, "channel_not_found", null);
        await SaveSlackAsync(s => s.Channel = "#gone");

        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.StartWorkersAsync();
        var dead = await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Dead, attempts: 1);

        dead.LastError.Should().Be("Slack has no channel #gone (channel_not_found): check the channel settings, or create the channel.");
    }

    [Test]
    public async Task Rate_limiting_holds_the_delivery_until_Retry_After()
    {
        _slack.Failures[string.Empty] = (429, "rate_limited", "30");
        await SaveSlackAsync();

        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.StartWorkersAsync();
        var held = await Host.WaitForDeliveryAsync(deliveries[0].DeliveryId, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "Slack asked it to wait");
        held.NextAttemptAt.Should().BeCloseTo(Host.Time.GetUtcNow().AddSeconds(30), TimeSpan.FromSeconds(2));
        held.LastError.Should().Contain("rate_limited");

        _slack.Failures.Clear();
        Host.AdvanceClock(TimeSpan.FromSeconds(31));
        await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Succeeded, attempts: 2);
        _slack.Messages.Should().ContainSingle();
    }

    [Test]
    public async Task An_archived_channel_disables_the_integration()
    {
        _slack.Failures[string.Empty] = (410, "channel_is_archived", null);
        var slack = await SaveSlackAsync();

        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.StartWorkersAsync();
        var dead = await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Dead, attempts: 1);

        dead.LastError.Should().Contain("archived");
        var health = await Host.ScopeAsync(sp => sp.GetRequiredService<DeliveryLog.IDeliveryLog>().GetHealthAsync(slack.Id));
        health.Status.Should().Be(IntegrationHealthStatus.PermanentlyDisabled);
    }

    [Test]
    public async Task When_a_later_channel_fails_the_retry_posts_only_to_the_channels_not_served_yet()
    {
        _slack.Failures["#b"] = (500, "rollup_error", null);
        await SaveSlackAsync(s => s.PushChannel = "#a, #b");

        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.StartWorkersAsync();
        await Host.WaitForDeliveryAsync(deliveries[0].DeliveryId, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "the first attempt failed on #b");
        _slack.Failures.Clear();
        Host.AdvanceClock(TimeSpan.FromMinutes(10));
        await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Succeeded, attempts: 2);

        _slack.Messages.Select(m => m["channel"]!.GetValue<string>()).Should().Equal("#a", "#b");
    }

    [Test]
    public async Task Long_content_is_truncated_within_Slacks_limits_never_refused()
    {
        await SaveSlackAsync(s =>
        {
            s.EnabledEvents = IntegrationEvents.Note | IntegrationEvents.Push;
            s.BranchesToBeNotified = Integrations.Chat.BranchesToBeNotified.All;
        });
        var note = JsonNode.Parse(SampleEvents.NoteOnIssue().ToJsonUtf8())!;
        note["object_attributes"]!["note"] = new string('x', 20_000);

        await DeliverAsync("app", new JsonEvent(IntegrationEvents.Note, System.Text.Encoding.UTF8.GetBytes(note.ToJsonString())));
        await DeliverAsync("app", SampleEvents.Push(commits: 400));

        _slack.Violations.Should().BeEmpty();
        _slack.Messages.Should().HaveCount(2);
        _slack.Messages[0]["attachments"]![0]!["blocks"]![0]!["text"]!["text"]!.GetValue<string>().Should().EndWith("… (truncated)");
    }

    [Test]
    public async Task A_passed_pipeline_is_not_posted_and_the_log_says_why()
    {
        await SaveSlackAsync();
        var passed = JsonNode.Parse(SampleEvents.Pipeline().ToJsonUtf8())!;
        passed["object_attributes"]!["status"] = "success";

        var deliveries = await DeliverAsync("app", new JsonEvent(IntegrationEvents.Pipeline, System.Text.Encoding.UTF8.GetBytes(passed.ToJsonString())), DeliveryStatus.Skipped);

        _slack.Messages.Should().BeEmpty();
        (await AttemptsAsync(deliveries[0].DeliveryId)).Should().BeEmpty("no request was made");
        var skipped = await Host.ScopeAsync(sp => sp.GetRequiredService<DeliveryLog.IDeliveryLog>().GetAsync(deliveries[0].DeliveryId));
        skipped!.LastError.Should().Be("Not sent: the pipeline passed, and only broken pipelines are announced.");
    }

    [Test]
    public async Task The_webhook_URL_is_masked_in_the_delivery_log()
    {
        await SaveSlackAsync();

        var deliveries = await DeliverAsync("app", SampleEvents.Push());

        var attempt = (await AttemptsAsync(deliveries[0].DeliveryId)).Single();
        attempt.RequestUrl.Should().NotContain("abcdefghijklmnopqrstuvwx").And.Contain(SecretMask.Value);
    }
}
