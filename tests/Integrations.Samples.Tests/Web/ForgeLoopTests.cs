using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.TestSupport;
using Integrations.Webhooks;

namespace Integrations.Samples.Tests.Web;

/// <summary>
/// The whole loop through the forge: a hook pointing at the built-in receiver, a change made through GitLab's routes,
/// the signed delivery arriving, listed in the hook's events, resent with the same id.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class ForgeLoopTests(DatabaseKind kind)
{
    [Test]
    public async Task An_issue_created_through_the_API_reaches_a_signed_hook_is_listed_in_its_events_and_resent_with_the_same_id()
    {
        await using var forge = await ForgeHost.StartAsync(kind);
        var hook = await ForgeHost.ReadJsonAsync(await forge.Admin.PostAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative),
            ForgeHost.Json($$"""{"url": "{{forge.ReceiverUrl("loop")}}", "issues_events": true, "push_events": false}""")));
        var hookId = hook["id"]!.GetValue<long>();
        var rotated = await ForgeHost.ReadJsonAsync(await forge.Admin.PostAsync(new Uri($"api/v4/projects/1/hooks/{hookId}/signing_token/rotate", UriKind.Relative), null));
        var secret = rotated["signing_token"]!.GetValue<string>();

        var created = await forge.Developer.PostAsync(new Uri("api/v4/projects/1/issues", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "Refunds fail on Sundays", ["labels"] = "bug" }));
        created.StatusCode.Should().Be(HttpStatusCode.Created);

        var arrived = (await forge.WaitForReceivedAsync(1))[0]!;
        var headers = arrived["headers"]!.AsObject();
        string Header(string name) => headers.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value!.GetValue<string>();
        Header("X-Gitlab-Event").Should().Be("Issue Hook");
        var body = Encoding.UTF8.GetBytes(arrived["body"]!.GetValue<string>());
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Header("webhook-timestamp"), CultureInfo.InvariantCulture));
        WebhookVerifier.VerifyStandardWebhooks(secret, Header("webhook-id"), Header("webhook-timestamp"), Header("webhook-signature"), body, sentAt)
            .IsValid.Should().BeTrue();
        var payload = JsonNode.Parse(body)!;
        payload["object_attributes"]!["title"]!.GetValue<string>().Should().Be("Refunds fail on Sundays");
        payload["object_attributes"]!["action"]!.GetValue<string>().Should().Be("open");
        payload["user"]!["username"]!.GetValue<string>().Should().Be("ada");
        payload["project"]!["path_with_namespace"]!.GetValue<string>().Should().Be("acme/platform/billing-api");

        await forge.WaitUntilRecordedAsync("1", 1); // the receiver sees the request before the worker records its outcome
        var events = (await ForgeHost.ReadJsonAsync(await forge.Admin.GetAsync(new Uri($"api/v4/projects/1/hooks/{hookId}/events?status=successful", UriKind.Relative)))).AsArray();
        events.Should().ContainSingle();
        events[0]!["trigger"]!.GetValue<string>().Should().Be("issue_hooks");
        events[0]!["response_status"]!.GetValue<string>().Should().Be("200");
        var eventId = events[0]!["id"]!.GetValue<long>();

        var resent = await forge.Admin.PostAsync(new Uri($"api/v4/projects/1/hooks/{hookId}/events/{eventId}/resend", UriKind.Relative), null);
        resent.StatusCode.Should().Be(HttpStatusCode.Created, await resent.Content.ReadAsStringAsync());
        (await ForgeHost.ReadJsonAsync(resent))["response_status"]!.GetValue<int>().Should().Be(200);
        var both = await forge.WaitForReceivedAsync(2);
        both.Select(r => r!["headers"]!.AsObject().First(h => h.Key.Equals("webhook-id", StringComparison.OrdinalIgnoreCase)).Value!.GetValue<string>())
            .Distinct().Should().ContainSingle("a resend keeps the delivery id");
    }

    [Test]
    public async Task Testing_a_hook_sends_the_chosen_trigger_and_a_failing_receiver_is_reported()
    {
        await using var forge = await ForgeHost.StartAsync(kind);
        var ok = await ForgeHost.ReadJsonAsync(await forge.Admin.PostAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative),
            ForgeHost.Json($$"""{"url": "{{forge.ReceiverUrl("ok")}}"}""")));
        var failing = await ForgeHost.ReadJsonAsync(await forge.Admin.PostAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative),
            ForgeHost.Json($$"""{"url": "{{forge.ReceiverUrl("down?status=500")}}"}""")));

        var tested = await forge.Admin.PostAsync(new Uri($"api/v4/projects/1/hooks/{ok["id"]}/test/merge_requests_events", UriKind.Relative), null);
        var testedFailing = await forge.Admin.PostAsync(new Uri($"api/v4/projects/1/hooks/{failing["id"]}/test/push_events", UriKind.Relative), null);
        var badTrigger = await forge.Admin.PostAsync(new Uri($"api/v4/projects/1/hooks/{ok["id"]}/test/nonsense", UriKind.Relative), null);

        tested.StatusCode.Should().Be(HttpStatusCode.Created);
        (await ForgeHost.ReadJsonAsync(tested))["message"]!.GetValue<string>().Should().Be("201 Created");
        testedFailing.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ForgeHost.ReadJsonAsync(testedFailing))["message"]!.GetValue<string>().Should().Contain("500");
        badTrigger.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var received = await forge.WaitForReceivedAsync(2);
        received.Select(r => r!["headers"]!.AsObject().First(h => h.Key == "X-Gitlab-Event").Value!.GetValue<string>())
            .Should().BeEquivalentTo(["Merge Request Hook", "Push Hook"]);
    }

    [Test]
    public async Task A_merge_request_merged_through_the_API_reaches_a_group_hook()
    {
        await using var forge = await ForgeHost.StartAsync(kind);
        (await forge.Admin.PostAsync(new Uri("api/v4/groups/acme/hooks", UriKind.Relative),
            ForgeHost.Json($$"""{"url": "{{forge.ReceiverUrl("group")}}", "merge_requests_events": true, "push_events": false}"""))).StatusCode.Should().Be(HttpStatusCode.Created);

        (await forge.Developer.PutAsync(new Uri("api/v4/projects/1/merge_requests/1/merge", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var payload = JsonNode.Parse((await forge.WaitForReceivedAsync(1))[0]!["body"]!.GetValue<string>())!;
        payload["object_kind"]!.GetValue<string>().Should().Be("merge_request");
        payload["object_attributes"]!["action"]!.GetValue<string>().Should().Be("merge");
        payload["object_attributes"]!["state"]!.GetValue<string>().Should().Be("merged");
    }
}
