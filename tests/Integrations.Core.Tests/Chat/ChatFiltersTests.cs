using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Chat;
using Integrations.Events;
using Integrations.State;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Chat;

/// <summary>GitLab's chat filters, once for every chat provider: broken pipelines only, branches to be notified, labels.</summary>
public sealed class ChatFiltersTests
{
    [IntegrationType("recording_chat")]
    public sealed class RecordingChat : global::Integrations.Chat.ChatIntegration
    {
        public List<ChatMessage> Sent { get; } = [];

        public override string Description => "Records what it would send.";

        protected override Task<IntegrationResult> SendAsync(ChatMessage message, IntegrationExecutionContext context, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.FromResult(IntegrationResult.Success("sent"));
        }
    }

    private sealed class Branches(string defaultBranch, params string[] protectedBranches) : IProjectBranches
    {
        public ValueTask<string?> GetDefaultBranchAsync(string projectId, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(defaultBranch);

        public ValueTask<bool> IsProtectedAsync(string projectId, string branch, CancellationToken cancellationToken) => ValueTask.FromResult(protectedBranches.Contains(branch));
    }

    private static async Task<IntegrationResult> RunAsync(global::Integrations.Chat.ChatIntegration chat, IntegrationEvents kind, JsonNode payload, IProjectBranches? branches = null)
    {
        var services = new ServiceCollection();
        if (branches is not null)
        {
            services.AddSingleton(branches);
        }

        await using var provider = services.BuildServiceProvider();
        using var http = new HttpClient();
        var context = new IntegrationExecutionContext(kind, JsonDocument.Parse(payload.ToJsonString()).RootElement, IntegrationScope.Project("42"), provider)
        {
            Http = http,
            State = new ScratchIntegrationState(),
        };
        return await chat.ExecuteAsync(context, CancellationToken.None);
    }

    private static JsonNode Pipeline(string status, string gitRef = "main")
    {
        var json = JsonNode.Parse(SampleEvents.Pipeline().ToJsonUtf8())!;
        json["object_attributes"]!["status"] = status;
        json["object_attributes"]!["ref"] = gitRef;
        return json;
    }

    private static JsonNode Push(string branch, bool isProtected = false)
    {
        var json = JsonNode.Parse(SampleEvents.Push().ToJsonUtf8())!;
        json["ref"] = "refs/heads/" + branch;
        json["ref_protected"] = isProtected;
        return json;
    }

    [Test]
    public async Task Passed_pipelines_are_sent_only_when_not_limited_to_broken_ones_and_failed_ones_always()
    {
        var brokenOnly = new RecordingChat();
        var everything = new RecordingChat { NotifyOnlyBrokenPipelines = false };

        var skipped = await RunAsync(brokenOnly, IntegrationEvents.Pipeline, Pipeline("success"));
        await RunAsync(brokenOnly, IntegrationEvents.Pipeline, Pipeline("failed"));
        await RunAsync(everything, IntegrationEvents.Pipeline, Pipeline("success"));
        await RunAsync(everything, IntegrationEvents.Pipeline, Pipeline("running"));

        new RecordingChat().NotifyOnlyBrokenPipelines.Should().BeTrue("GitLab's default");
        skipped.IsSkipped.Should().BeTrue("nothing was sent, on purpose: neither a success nor a failure");
        skipped.Message.Should().Be("Not sent: the pipeline passed, and only broken pipelines are announced.");
        brokenOnly.Sent.Should().ContainSingle().Which.Title.Plain.Should().Contain("has failed");
        everything.Sent.Should().ContainSingle("a running pipeline is never announced").Which.Title.Plain.Should().Contain("has passed");
    }

    [TestCase(BranchesToBeNotified.Default, "main", false, true)]
    [TestCase(BranchesToBeNotified.Default, "feature", false, false)]
    [TestCase(BranchesToBeNotified.Protected, "release", true, true)]
    [TestCase(BranchesToBeNotified.Protected, "main", false, false)]
    [TestCase(BranchesToBeNotified.DefaultAndProtected, "main", false, true)]
    [TestCase(BranchesToBeNotified.DefaultAndProtected, "release", true, true)]
    [TestCase(BranchesToBeNotified.DefaultAndProtected, "feature", false, false)]
    [TestCase(BranchesToBeNotified.All, "feature", false, true)]
    public async Task Pushes_are_sent_for_the_branches_to_be_notified(BranchesToBeNotified which, string branch, bool isProtected, bool sent)
    {
        var fromPayload = new RecordingChat { BranchesToBeNotified = which };
        var fromHost = new RecordingChat { BranchesToBeNotified = which };

        await RunAsync(fromPayload, IntegrationEvents.Push, Push(branch, isProtected));
        await RunAsync(fromHost, IntegrationEvents.Push, Push(branch, isProtected: false), new Branches("main", isProtected ? [branch] : []));

        fromPayload.Sent.Should().HaveCount(sent ? 1 : 0, "the payload says the default branch and whether the ref is protected");
        fromHost.Sent.Should().HaveCount(sent ? 1 : 0, "the host's IProjectBranches answers when registered");
    }

    [Test]
    public async Task Tags_pass_the_branch_filter_and_new_chat_integrations_announce_the_default_branch_only()
    {
        var chat = new RecordingChat();

        await RunAsync(chat, IntegrationEvents.TagPush, JsonNode.Parse(SampleEvents.TagPush().ToJsonUtf8())!);
        await RunAsync(chat, IntegrationEvents.Pipeline, Pipeline("failed", "feature"));

        chat.BranchesToBeNotified.Should().Be(BranchesToBeNotified.Default);
        chat.Sent.Should().ContainSingle().Which.Event.Should().Be(IntegrationEvents.TagPush);
    }

    [Test]
    public async Task Labels_to_be_notified_match_any_or_all()
    {
        var issue = JsonNode.Parse(SampleEvents.Issue().ToJsonUtf8())!;
        issue["object_attributes"]!["action"] = "open";
        var any = new RecordingChat { LabelsToBeNotified = "~bug, ~security" };
        var all = new RecordingChat { LabelsToBeNotified = "~bug,~security", LabelsToBeNotifiedBehavior = LabelsMatch.MatchAll };

        await RunAsync(any, IntegrationEvents.Issue, issue);
        var refused = await RunAsync(all, IntegrationEvents.Issue, issue);

        any.Sent.Should().ContainSingle("the issue carries bug");
        all.Sent.Should().BeEmpty("it lacks security");
        refused.Message.Should().Contain("all of the labels to be notified (bug, security)");
    }

    [Test]
    public async Task An_event_without_a_chat_message_is_recorded_as_not_sent_with_the_reason()
    {
        var chat = new RecordingChat();
        var update = JsonNode.Parse(SampleEvents.MergeRequest().ToJsonUtf8())!;
        update["object_attributes"]!["action"] = "update";

        var result = await RunAsync(chat, IntegrationEvents.MergeRequest, update);

        result.IsSkipped.Should().BeTrue();
        result.Succeeded.Should().BeFalse();
        result.Message.Should().Be("Not sent: chat integrations do not announce this merge_request event.");
        chat.Sent.Should().BeEmpty();
    }
}
