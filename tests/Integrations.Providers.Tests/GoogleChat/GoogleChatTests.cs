using System.Text.Json.Nodes;
using Integrations.Events;
using Integrations.Providers.GoogleChat;
using Integrations.TestSupport;

namespace Integrations.Providers.Tests.GoogleChat;

/// <summary>Google Chat notifications end to end against a fake space webhook.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class GoogleChatTests(DatabaseKind kind) : ProviderTests(kind)
{
    private FakeGoogleChat _chat = null!;

    [SetUp]
    public void UseFakeChat()
    {
        _chat = new FakeGoogleChat();
        Receiver.Respond = _chat.Respond;
    }

    private Task SaveChatAsync(Action<GoogleChatIntegration>? configure = null)
    {
        var chat = new GoogleChatIntegration { Scope = IntegrationScope.Project("app"), Active = true, Webhook = new Uri(Receiver.BaseAddress, FakeGoogleChat.Path).ToString() };
        configure?.Invoke(chat);
        return SaveAsync(chat);
    }

    private static JsonEvent MergeRequest(string action)
    {
        var json = JsonNode.Parse(SampleEvents.MergeRequest().ToJsonUtf8())!;
        json["object_attributes"]!["action"] = action;
        return new JsonEvent(IntegrationEvents.MergeRequest, System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    [Test]
    public async Task A_merge_request_opened_then_merged_lands_in_one_thread()
    {
        await SaveChatAsync();

        await DeliverAsync("app", MergeRequest("open"));
        await DeliverAsync("app", MergeRequest("merge"));

        _chat.Violations.Should().BeEmpty();
        _chat.Messages.Should().HaveCount(2);
        _chat.Messages.Select(m => m.Body["thread"]!["threadKey"]!.GetValue<string>()).Distinct().Should().Equal("merge_request:42:1");
        _chat.Messages.Should().OnlyContain(m => m.PathAndQuery.EndsWith("&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD", StringComparison.Ordinal));
        _chat.Messages[1].Body["text"]!.GetValue<string>().Should().Be(
            "Ada Lovelace (ada) merged merge request <https://forge.example.test/platform/billing-api/-/merge_requests/1|!1 Fix rounding> in <https://forge.example.test/platform/billing-api|platform/billing-api>");
    }

    [Test]
    public async Task A_push_is_a_card_without_a_thread_and_its_links_are_HTML()
    {
        await SaveChatAsync();

        await DeliverAsync("app", SampleEvents.Push());

        var (body, path) = _chat.Messages.Single();
        body["thread"].Should().BeNull();
        path.Should().Be(FakeGoogleChat.Path);
        body["cardsV2"]![0]!["card"]!["sections"]![0]!["widgets"]![0]!["textParagraph"]!["text"]!.GetValue<string>()
            .Should().Contain("<a href=\"https://forge.example.test/platform/billing-api\">platform/billing-api</a>");
    }

    [Test]
    public async Task Google_errors_become_clear_failures_and_429_waits()
    {
        _chat.Status = (403, "PERMISSION_DENIED", null);
        await SaveChatAsync();
        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.StartWorkersAsync();
        var dead = await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Dead, attempts: 1);
        dead.LastError.Should().Contain("PERMISSION_DENIED").And.Contain("Enter its current URL");

        _chat.Status = (429, "RESOURCE_EXHAUSTED", "15");
        var again = await DispatchAsync("app", SampleEvents.Push());
        var held = await Host.WaitForDeliveryAsync(again[0].DeliveryId, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "Google asked it to wait");
        held.LastError.Should().Contain("RESOURCE_EXHAUSTED");
    }

    [Test]
    public async Task A_huge_comment_is_cut_to_fit_Google_Chats_size_limit()
    {
        await SaveChatAsync(c => c.EnabledEvents = IntegrationEvents.Note);
        var note = JsonNode.Parse(SampleEvents.NoteOnIssue().ToJsonUtf8())!;
        note["object_attributes"]!["note"] = new string('z', 50_000);

        await DeliverAsync("app", new JsonEvent(IntegrationEvents.Note, System.Text.Encoding.UTF8.GetBytes(note.ToJsonString())));

        _chat.Violations.Should().BeEmpty();
        _chat.Messages.Single().Body["cardsV2"]![0]!["card"]!["sections"]![0]!["widgets"]![1]!["textParagraph"]!["text"]!.GetValue<string>().Should().EndWith("… (truncated)");
    }
}
