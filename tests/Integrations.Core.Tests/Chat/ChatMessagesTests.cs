using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Chat;
using Integrations.Events;

namespace Integrations.Core.Tests.Chat;

/// <summary>The product-neutral chat message of each event, with GitLab's rules; tested once for every chat provider.</summary>
public sealed class ChatMessagesTests
{
    private static ChatMessage? Message(IntegrationEvent @event) => ChatMessages.From(@event.Kind, JsonDocument.Parse(@event.ToJsonUtf8()).RootElement);

    private static ChatMessage? Message(IntegrationEvents kind, JsonNode json) => ChatMessages.From(kind, JsonDocument.Parse(json.ToJsonString()).RootElement);

    private static JsonNode Json(IntegrationEvent @event) => JsonNode.Parse(@event.ToJsonUtf8())!;

    [Test]
    public void A_push_names_the_user_branch_and_project_links_the_comparison_and_lists_the_commits()
    {
        var message = Message(SampleEvents.Push(commits: 2))!;

        message.Title.Plain.Should().Be("Ada Lovelace (ada) pushed to branch main of platform/billing-api (Compare changes)");
        message.Title.Spans.Should().Contain(s => s.Text == "Compare changes" && s.Url!.Contains("/-/compare/", StringComparison.Ordinal));
        message.Title.Spans.Should().Contain(s => s.Text == "platform/billing-api" && s.Url == "https://forge.example.test/platform/billing-api");
        message.Lines.Should().HaveCount(2);
        message.Lines[0].Plain.Should().MatchRegex("^[0-9a-f]{8}: Change 1 - ");
        message.Lines[0].Spans[0].Url.Should().StartWith("https://");
    }

    [Test]
    public void New_and_removed_branches_and_tags_are_said_as_GitLab_says_them()
    {
        var created = Json(SampleEvents.Push());
        created["before"] = new string('0', 40);
        var removed = Json(SampleEvents.Push());
        removed["after"] = new string('0', 40);

        Message(IntegrationEvents.Push, created)!.Title.Plain.Should().StartWith("Ada Lovelace (ada) pushed new branch main to platform/billing-api");
        Message(IntegrationEvents.Push, removed)!.Title.Plain.Should().Be("Ada Lovelace (ada) removed branch main from platform/billing-api");
        Message(SampleEvents.TagPush())!.Title.Plain.Should().Be("Ada Lovelace (ada) pushed new tag v2.0.0 to platform/billing-api");
    }

    [TestCase("open", "opened")]
    [TestCase("close", "closed")]
    [TestCase("reopen", "reopened")]
    public void An_issue_opened_closed_or_reopened_is_announced(string action, string verb)
    {
        var json = Json(SampleEvents.Issue());
        json["object_attributes"]!["action"] = action;

        var message = Message(IntegrationEvents.Issue, json)!;

        message.Title.Plain.Should().Be($"[platform/billing-api] Issue #23 Invoices round to the wrong cent {verb} by Ada Lovelace (ada)");
        message.ThreadKey.Should().Be("issue:42:23");
        message.Lines.Should().HaveCount(verb == "opened" ? 1 : 0, "the description is shown when the issue opens");
    }

    [Test]
    public void Issue_and_merge_request_updates_are_not_announced()
    {
        var issue = Json(SampleEvents.Issue());
        issue["object_attributes"]!["action"] = "update";
        var mr = Json(SampleEvents.MergeRequest());
        mr["object_attributes"]!["action"] = "update";

        Message(IntegrationEvents.Issue, issue).Should().BeNull();
        Message(IntegrationEvents.MergeRequest, mr).Should().BeNull();
    }

    [Test]
    public void A_confidential_issue_says_so_and_a_merged_merge_request_threads_with_its_others()
    {
        var issue = Json(SampleEvents.Issue(confidential: true));
        issue["object_attributes"]!["action"] = "open";
        var mr = Json(SampleEvents.MergeRequest());
        mr["object_attributes"]!["action"] = "merge";

        Message(IntegrationEvents.ConfidentialIssue, issue)!.Title.Plain.Should().Contain("Confidential issue #23");
        var merged = Message(IntegrationEvents.MergeRequest, mr)!;
        merged.Title.Plain.Should().Be("Ada Lovelace (ada) merged merge request !1 Fix rounding in platform/billing-api");
        merged.Tone.Should().Be(ChatTone.Good);
        merged.ThreadKey.Should().Be("merge_request:42:1");
    }

    [Test]
    public void A_comment_names_what_it_is_on_and_carries_its_text()
    {
        var onIssue = Message(SampleEvents.NoteOnIssue())!;
        var onCommit = Message(SampleEvents.NoteOnCommit())!;

        onIssue.Title.Plain.Should().Be("Ada Lovelace (ada) commented on issue #23 in platform/billing-api: Invoices round to the wrong cent");
        onIssue.Lines.Single().Plain.Should().Be("Reproduced on staging.");
        onIssue.ThreadKey.Should().Be("issue:42:23", "a comment goes into its issue's thread");
        onCommit.Title.Plain.Should().StartWith("Ada Lovelace (ada) commented on commit cfe32cf6 in platform/billing-api");
    }

    [Test]
    public void A_failed_pipeline_shows_its_duration_failed_stages_and_at_most_ten_failed_jobs()
    {
        var json = Json(SampleEvents.Pipeline());
        var builds = new JsonArray();
        for (var i = 1; i <= 12; i++)
        {
            builds.Add(new JsonObject { ["id"] = i, ["stage"] = "test", ["name"] = $"job{i}", ["status"] = "failed", ["allow_failure"] = false });
        }

        json["builds"] = builds;
        var message = Message(IntegrationEvents.Pipeline, json)!;

        message.Title.Plain.Should().Be("Pipeline #31 of branch main by Ada Lovelace (ada) has failed in 03:00");
        message.Tone.Should().Be(ChatTone.Danger);
        message.Facts.Select(f => f.Name).Should().Equal("Branch", "Commit", "Failed stage(s)", "Failed job(s)");
        var jobs = message.Facts.Single(f => f.Name == "Failed job(s)").Value;
        jobs.Plain.Should().Be("job1, job2, job3, job4, job5, job6, job7, job8, job9, job10 and 2 more");
        jobs.Spans.Last().Url.Should().EndWith("/pipelines/31/failures");
    }

    [Test]
    public void A_pipeline_that_passed_with_allowed_failures_passed_with_warnings()
    {
        var json = Json(SampleEvents.Pipeline());
        json["object_attributes"]!["status"] = "success";
        json["builds"] = new JsonArray(new JsonObject { ["id"] = 1, ["stage"] = "lint", ["name"] = "lint", ["status"] = "failed", ["allow_failure"] = true });

        var message = Message(IntegrationEvents.Pipeline, json)!;

        message.Title.Plain.Should().EndWith("has passed with warnings in 03:00");
        message.Tone.Should().Be(ChatTone.Warning);
        message.Facts.Should().NotContain(f => f.Name == "Failed job(s)", "allowed failures are not failures");
    }

    [Test]
    public void Deployments_wiki_pages_alerts_and_releases_are_announced()
    {
        Message(SampleEvents.Deployment())!.Title.Plain.Should().Be("Deploy to staging succeeded");
        Message(SampleEvents.WikiPage())!.Title.Plain.Should().Be("Ada Lovelace (ada) created wiki page Runbook in platform/billing-api");
        var alert = Message(SampleEvents.Alert())!;
        alert.Title.Plain.Should().Be("Alert firing: Error rate above 5 %");
        alert.Facts.Select(f => f.Name).Should().Contain(["Severity", "Status"]);
        Message(SampleEvents.Release())!.Title.Plain.Should().Be("Release v2.0 created in platform/billing-api");
    }

    [TestCase(59, "00:59")]
    [TestCase(180, "03:00")]
    [TestCase(3725, "01:02:05")]
    public void Durations_read_as_GitLab_writes_them(double seconds, string expected) =>
        ChatMessages.PrettyDuration(seconds).Should().Be(expected);
}
