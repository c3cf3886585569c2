using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Chat;
using Integrations.Events;

namespace Integrations.Providers.Tests;

/// <summary>
/// A chat provider's message for every chat event, compared with a golden file in the provider's <c>Golden</c> folder
/// (reviewed by eye once: it must read well). Run with INTEGRATIONS_UPDATE_GOLDEN=1 to rewrite them after a deliberate change.
/// </summary>
public abstract class ChatGoldenTests
{
    /// <summary>The provider's rendering of a message.</summary>
    protected abstract JsonObject Render(ChatMessage message);

    /// <summary>The golden files' folder and name prefix: <c>Slack/Golden/slack-</c>.</summary>
    protected abstract string GoldenPrefix { get; }

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<TestCaseData> Events()
    {
        static JsonNode With(IntegrationEvent e, Action<JsonNode> change)
        {
            var json = JsonNode.Parse(e.ToJsonUtf8())!;
            change(json);
            return json;
        }

        yield return Case("push", IntegrationEvents.Push, JsonNode.Parse(SampleEvents.Push().ToJsonUtf8())!);
        yield return Case("tag_push", IntegrationEvents.TagPush, JsonNode.Parse(SampleEvents.TagPush().ToJsonUtf8())!);
        yield return Case("issue_opened", IntegrationEvents.Issue, With(SampleEvents.Issue(), j => j["object_attributes"]!["action"] = "open"));
        yield return Case("confidential_issue_closed", IntegrationEvents.ConfidentialIssue, With(SampleEvents.Issue(confidential: true), j => j["object_attributes"]!["action"] = "close"));
        yield return Case("merge_request_merged", IntegrationEvents.MergeRequest, With(SampleEvents.MergeRequest(), j => j["object_attributes"]!["action"] = "merge"));
        yield return Case("note_on_issue", IntegrationEvents.Note, JsonNode.Parse(SampleEvents.NoteOnIssue().ToJsonUtf8())!);
        yield return Case("note_on_commit", IntegrationEvents.Note, JsonNode.Parse(SampleEvents.NoteOnCommit().ToJsonUtf8())!);
        yield return Case("pipeline_failed", IntegrationEvents.Pipeline, JsonNode.Parse(SampleEvents.Pipeline().ToJsonUtf8())!);
        yield return Case("deployment_succeeded", IntegrationEvents.Deployment, JsonNode.Parse(SampleEvents.Deployment().ToJsonUtf8())!);
        yield return Case("wiki_page_created", IntegrationEvents.WikiPage, JsonNode.Parse(SampleEvents.WikiPage().ToJsonUtf8())!);
        yield return Case("alert_firing", IntegrationEvents.Alert, JsonNode.Parse(SampleEvents.Alert().ToJsonUtf8())!);
        yield return Case("release_created", IntegrationEvents.Release, JsonNode.Parse(SampleEvents.Release().ToJsonUtf8())!);
    }

    private static TestCaseData Case(string name, IntegrationEvents kind, JsonNode payload) => new TestCaseData(name, kind, payload.ToJsonString()).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Events))]
    public void The_message_of_each_event_matches_its_golden_file(string name, IntegrationEvents kind, string payload)
    {
        var message = ChatMessages.From(kind, JsonDocument.Parse(payload).RootElement);
        message.Should().NotBeNull();
        var rendered = Render(message!).ToJsonString(Pretty).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        var path = Path.Combine(TestsDirectory(), GoldenPrefix + name + ".json");
        if (Environment.GetEnvironmentVariable("INTEGRATIONS_UPDATE_GOLDEN") == "1" || !File.Exists(path))
        {
            File.WriteAllText(path, rendered);
            Assert.Warn($"{path} written; review it by eye and commit it.");
        }

        rendered.Should().Be(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), $"{GoldenPrefix}{name}.json holds the reviewed message");
    }

    private static string TestsDirectory([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
}
