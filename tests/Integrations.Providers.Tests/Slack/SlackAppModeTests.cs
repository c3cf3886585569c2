using System.Text.Json.Nodes;
using Integrations.Events;
using Integrations.Providers.Slack;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.Tests.Slack;

/// <summary>Slack app mode: the Web API with a bot token, threads per merge request, pipelines updated in place.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class SlackAppModeTests(DatabaseKind kind) : ProviderTests(kind)
{
    private FakeSlackWebApi _slack = null!;

    protected override void Configure(IIntegrationsBuilder builder) =>
        builder.Services.Configure<SlackOptions>(o => o.ApiBaseUrl = new Uri(Receiver.BaseAddress, "api/"));

    [SetUp]
    public void UseFakeSlack()
    {
        _slack = new FakeSlackWebApi();
        Receiver.Respond = _slack.Respond;
    }

    private Task SaveAppAsync(Action<SlackIntegration>? configure = null)
    {
        var slack = new SlackIntegration { Scope = IntegrationScope.Project("app"), Active = true, BotToken = FakeSlackWebApi.Token, Channel = "#dev" };
        configure?.Invoke(slack);
        return SaveAsync(slack);
    }

    private static JsonEvent With(IntegrationEvent sample, Action<JsonNode> change)
    {
        var json = JsonNode.Parse(sample.ToJsonUtf8())!;
        change(json);
        return new JsonEvent(sample.Kind, System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    [Test]
    public async Task A_merge_request_opened_commented_and_merged_lands_as_one_thread()
    {
        await SaveAppAsync();

        await DeliverAsync("app", With(SampleEvents.MergeRequest(), j => j["object_attributes"]!["action"] = "open"));
        await DeliverAsync("app", With(SampleEvents.NoteOnIssue(), j =>
        {
            j["object_attributes"]!["noteable_type"] = "MergeRequest";
            j["merge_request"] = new JsonObject { ["iid"] = 1, ["title"] = "Fix rounding" };
        }));
        await DeliverAsync("app", With(SampleEvents.MergeRequest(), j => j["object_attributes"]!["action"] = "merge"));

        _slack.Messages.Should().HaveCount(3);
        var root = _slack.Messages[0];
        root.ThreadTs.Should().BeNull();
        root.Text.Should().Contain("opened merge request !1");
        _slack.Messages.Skip(1).Should().OnlyContain(m => m.ThreadTs == root.Ts && m.Channel == "#dev");
    }

    [Test]
    public async Task Events_of_one_merge_request_racing_on_several_workers_still_make_one_thread()
    {
        await SaveAppAsync();
        var deliveries = new List<Dispatch.EnqueuedDelivery>();
        deliveries.AddRange(await DispatchAsync("app", With(SampleEvents.MergeRequest(), j => j["object_attributes"]!["action"] = "open")));
        for (var i = 0; i < 3; i++)
        {
            deliveries.AddRange(await DispatchAsync("app", With(SampleEvents.NoteOnIssue(), j =>
            {
                j["object_attributes"]!["noteable_type"] = "MergeRequest";
                j["merge_request"] = new JsonObject { ["iid"] = 1, ["title"] = "Fix rounding" };
            })));
        }

        await Host.StartWorkersAsync();
        foreach (var delivery in deliveries)
        {
            // Each either posted, or found the first message still being posted and waits to go into its thread.
            await Host.WaitForDeliveryAsync(delivery.DeliveryId, d => d.Status == DeliveryStatus.Succeeded || (d.Status == DeliveryStatus.Pending && d.Attempts == 1),
                "the first attempt ended");
        }

        Host.AdvanceClock(TimeSpan.FromSeconds(15));
        foreach (var delivery in deliveries)
        {
            await Host.WaitForDeliveryAsync(delivery.DeliveryId, d => d.Status == DeliveryStatus.Succeeded, "every event was posted");
        }

        _slack.Messages.Should().HaveCount(4);
        var root = _slack.Messages.Should().ContainSingle(m => m.ThreadTs == null, "one first message starts the thread").Subject;
        _slack.Messages.Where(m => m != root).Should().OnlyContain(m => m.ThreadTs == root.Ts);
    }

    [Test]
    public async Task A_pipeline_message_is_posted_when_it_starts_and_updated_in_place_when_it_finishes()
    {
        await SaveAppAsync(s => s.NotifyOnlyBrokenPipelines = false);

        await DeliverAsync("app", With(SampleEvents.Pipeline(), j => j["object_attributes"]!["status"] = "running"));
        await DeliverAsync("app", SampleEvents.Pipeline());

        var message = _slack.Messages.Single();
        message.Updates.Should().Be(1);
        message.Text.Should().StartWith("Pipeline #31 of branch main by Ada Lovelace (ada) has failed");
    }

    [Test]
    public async Task Web_API_errors_that_arrive_with_200_are_failures_that_name_the_fix()
    {
        _slack.NotInChannel.Add("#private");
        await SaveAppAsync(s => s.Channel = "#private");

        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.StartWorkersAsync();
        var dead = await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Dead, attempts: 1);

        dead.LastError.Should().Be("The Slack app is not in #private (not_in_channel): invite it to the channel (/invite @app) or choose another.");
    }

    [Test]
    public async Task A_revoked_token_fails_and_a_rate_limit_waits()
    {
        await SaveAppAsync(s => s.BotToken = "xoxb-revoked");
        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.StartWorkersAsync();
        (await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Dead, attempts: 1)).LastError.Should().Contain("invalid_auth").And.Contain("xoxb-");

        _slack.RetryAfter = "45";
        var again = await DispatchAsync("app", SampleEvents.Push());
        var held = await Host.WaitForDeliveryAsync(again[0].DeliveryId, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "Slack asked it to wait");
        held.NextAttemptAt.Should().BeCloseTo(Host.Time.GetUtcNow().AddSeconds(45), TimeSpan.FromSeconds(2));
    }

    [Test]
    public async Task The_bot_token_never_reaches_the_delivery_log()
    {
        await SaveAppAsync();

        var deliveries = await DeliverAsync("app", SampleEvents.Push());

        var attempt = (await AttemptsAsync(deliveries[0].DeliveryId)).Single();
        (attempt.RequestUrl + System.Text.Json.JsonSerializer.Serialize(attempt.RequestHeaders) + attempt.RequestBody).Should().NotContain(FakeSlackWebApi.Token);
    }
}
