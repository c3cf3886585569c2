using System.Text.Json;
using Integrations.Events;
using Integrations.Events.Payloads;

namespace Integrations.Core.Tests.Events;

/// <summary>Our payloads have GitLab's documented keys, nesting and value types (see Shapes/README.md).</summary>
public class PayloadGoldenTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("push", (Func<IntegrationEvent>)(() => SampleEvents.Push())).SetName("Push_payload_matches_GitLab");
        yield return new TestCaseData("tag_push", (Func<IntegrationEvent>)SampleEvents.TagPush).SetName("Tag_push_payload_matches_GitLab");
        yield return new TestCaseData("issue", (Func<IntegrationEvent>)(() => SampleEvents.Issue())).SetName("Issue_payload_matches_GitLab");
        yield return new TestCaseData("merge_request", (Func<IntegrationEvent>)SampleEvents.MergeRequest).SetName("Merge_request_payload_matches_GitLab");
        yield return new TestCaseData("note_issue", (Func<IntegrationEvent>)(() => SampleEvents.NoteOnIssue())).SetName("Comment_on_issue_payload_matches_GitLab");
        yield return new TestCaseData("note_commit", (Func<IntegrationEvent>)SampleEvents.NoteOnCommit).SetName("Comment_on_commit_payload_matches_GitLab");
        yield return new TestCaseData("pipeline", (Func<IntegrationEvent>)SampleEvents.Pipeline).SetName("Pipeline_payload_matches_GitLab");
        yield return new TestCaseData("job", (Func<IntegrationEvent>)SampleEvents.Job).SetName("Job_payload_matches_GitLab");
        yield return new TestCaseData("deployment", (Func<IntegrationEvent>)SampleEvents.Deployment).SetName("Deployment_payload_matches_GitLab");
        yield return new TestCaseData("wiki_page", (Func<IntegrationEvent>)SampleEvents.WikiPage).SetName("Wiki_page_payload_matches_GitLab");
        yield return new TestCaseData("release", (Func<IntegrationEvent>)SampleEvents.Release).SetName("Release_payload_matches_GitLab");
        yield return new TestCaseData("vulnerability", (Func<IntegrationEvent>)SampleEvents.Vulnerability).SetName("Vulnerability_payload_matches_GitLab");
        yield return new TestCaseData("feature_flag", (Func<IntegrationEvent>)SampleEvents.FeatureFlag).SetName("Feature_flag_payload_matches_GitLab");
        yield return new TestCaseData("emoji", (Func<IntegrationEvent>)SampleEvents.Emoji).SetName("Emoji_payload_matches_GitLab");
        yield return new TestCaseData("milestone", (Func<IntegrationEvent>)SampleEvents.Milestone).SetName("Milestone_payload_matches_GitLab");
        yield return new TestCaseData("member", (Func<IntegrationEvent>)SampleEvents.Member).SetName("Group_member_payload_matches_GitLab");
        yield return new TestCaseData("group_project", (Func<IntegrationEvent>)SampleEvents.ProjectCreated).SetName("Project_in_group_payload_matches_GitLab");
        yield return new TestCaseData("subgroup", (Func<IntegrationEvent>)SampleEvents.Subgroup).SetName("Subgroup_payload_matches_GitLab");
        yield return new TestCaseData("access_token", (Func<IntegrationEvent>)SampleEvents.ExpiringAccessToken).SetName("Access_token_payload_matches_GitLab");
    }

    [TestCaseSource(nameof(Cases))]
    public void Payload_has_GitLabs_keys_nesting_and_value_types(string shape, Func<IntegrationEvent> build)
    {
        using var json = JsonDocument.Parse(build().ToJsonUtf8());

        var problems = PayloadShape.Load(shape).Compare(json.RootElement);

        problems.Should().BeEmpty(string.Join(Environment.NewLine, problems));
    }

    [TestCase("job", "repository.url")]
    [TestCase("job", "commit.author_url")]
    [TestCase("issue", "object_attributes.closed_at")]
    [TestCase("merge_request", "object_attributes.head_pipeline_id")]
    [TestCase("merge_request", "object_attributes.merge_commit_sha")]
    [TestCase("merge_request", "object_attributes.merge_error")]
    [TestCase("merge_request", "object_attributes.merge_params")]
    [TestCase("merge_request", "object_attributes.merge_user_id")]
    [TestCase("merge_request", "object_attributes.merge_when_pipeline_succeeds")]
    [TestCase("merge_request", "object_attributes.time_estimate")]
    [TestCase("merge_request", "object_attributes.updated_by_id")]
    public void Keys_GitLabs_data_builders_send_beyond_the_documented_examples_are_sent(string kind, string path)
    {
        IntegrationEventNames.TryParse(kind, out var parsed).Should().BeTrue();
        using var json = JsonDocument.Parse(SampleEvents.For(parsed).ToJsonUtf8());

        var element = json.RootElement;
        foreach (var key in path.Split('.'))
        {
            element.TryGetProperty(key, out element).Should().BeTrue($"'{path}' is sent");
        }
    }

    [Test]
    public void The_shape_check_catches_a_missing_a_renamed_and_a_retyped_key()
    {
        var shape = PayloadShape.Load("deployment");
        var json = JsonNode(SampleEvents.Deployment());
        json.Remove("short_sha");
        json["commitTitle"] = "x";
        json["deployment_id"] = "15";

        using var document = JsonDocument.Parse(json.ToJsonString());
        shape.Compare(document.RootElement).Should().BeEquivalentTo(
            "missing key 'short_sha' (string)", "unexpected key 'commitTitle'", "'deployment_id' is string, GitLab sends number");
    }

    [Test]
    public void A_push_lists_the_newest_twenty_commits_and_counts_them_all()
    {
        var push = SampleEvents.Push(commits: 25);

        push.Commits.Should().HaveCount(20);
        push.Commits[0].Message.Should().StartWith("Change 6");
        push.TotalCommitsCount.Should().Be(25);
        var json = JsonNode(push);
        json["commits"]!.AsArray().Should().HaveCount(20);
        json["total_commits_count"]!.GetValue<int>().Should().Be(25);
    }

    [Test]
    public void Pushes_of_tags_and_branches_are_told_apart_by_their_ref()
    {
        SampleEvents.Push().Kind.Should().Be(IntegrationEvents.Push);
        SampleEvents.Push().Ref.Should().Be("refs/heads/main");
        var tag = SampleEvents.TagPush();
        tag.Kind.Should().Be(IntegrationEvents.TagPush);
        JsonNode(tag)["object_kind"]!.GetValue<string>().Should().Be("tag_push");
        JsonNode(tag)["event_name"]!.GetValue<string>().Should().Be("tag_push");
        JsonNode(tag)["checkout_sha"]!.GetValue<string>().Should().Be("82b3d5ae55f7080f1e6022629cdb57bfae7cccc7");
    }

    [Test]
    public void Deleting_a_branch_sends_a_null_checkout_sha()
    {
        var delete = PushEvent.Create(SampleEvents.User, SampleEvents.Project, "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", PushEvent.BlankSha, "refs/heads/old", []);

        JsonNode(delete)["checkout_sha"].Should().BeNull();
        JsonNode(delete).ContainsKey("checkout_sha").Should().BeTrue("GitLab sends the key with null");
    }

    [Test]
    public void Confidential_issues_and_comments_on_them_are_their_own_event_kinds()
    {
        SampleEvents.Issue().Kind.Should().Be(IntegrationEvents.Issue);
        var confidential = SampleEvents.Issue(confidential: true);
        confidential.Kind.Should().Be(IntegrationEvents.ConfidentialIssue);
        JsonNode(confidential)["object_kind"]!.GetValue<string>().Should().Be("issue");
        JsonNode(confidential)["event_type"]!.GetValue<string>().Should().Be("confidential_issue");

        var note = SampleEvents.NoteOnIssue(confidential: true);
        note.Kind.Should().Be(IntegrationEvents.ConfidentialNote);
        JsonNode(note)["event_type"]!.GetValue<string>().Should().Be("confidential_note");
    }

    [Test]
    public void Changes_are_previous_and_current_pairs()
    {
        var changes = JsonNode(SampleEvents.Issue())["changes"]!;

        changes["updated_by_id"]!.ToJsonString().Should().Be("{\"previous\":null,\"current\":7}");
        changes["labels"]!["current"]![0]!["title"]!.GetValue<string>().Should().Be("bug");
    }

    [Test]
    public void Alerts_carry_their_attributes()
    {
        var alert = new AlertEvent { ObjectAttributes = new AlertAttributes { Title = "High error rate", Url = "https://forge.example.test/alerts/1", Severity = "critical", StartedAt = SampleEvents.At } };

        var json = JsonNode(alert);

        alert.Kind.Should().Be(IntegrationEvents.Alert);
        json["object_kind"]!.GetValue<string>().Should().Be("alert");
        json["object_attributes"]!.AsObject().Select(p => p.Key).Should().Equal("title", "url", "severity", "events", "status", "started_at");
    }

    [Test]
    public void Every_event_kind_has_a_typed_payload()
    {
        var kinds = new IntegrationEvent[]
        {
            SampleEvents.Push(), SampleEvents.TagPush(), SampleEvents.Issue(), SampleEvents.Issue(true), SampleEvents.MergeRequest(),
            SampleEvents.NoteOnIssue(), SampleEvents.NoteOnIssue(true), SampleEvents.Pipeline(), SampleEvents.Job(), SampleEvents.Deployment(),
            new AlertEvent { ObjectAttributes = new AlertAttributes() }, SampleEvents.WikiPage(), SampleEvents.Release(), SampleEvents.Vulnerability(),
            SampleEvents.FeatureFlag(), SampleEvents.Emoji(), SampleEvents.Milestone(), SampleEvents.Member(), SampleEvents.ProjectCreated(),
            SampleEvents.Subgroup(), SampleEvents.ExpiringAccessToken(),
        }.Select(e => e.Kind).Aggregate(IntegrationEvents.None, (all, k) => all | k);

        kinds.Should().Be(IntegrationEvents.All);
    }

    [Test]
    public void Every_event_kind_has_a_sample_a_name_and_GitLabs_header()
    {
        foreach (var kind in IntegrationEventNames.Split(IntegrationEvents.All))
        {
            SampleEvents.For(kind).Kind.Should().Be(kind);
            IntegrationEventNames.TryParse(IntegrationEventNames.GetName(kind), out var parsed).Should().BeTrue();
            parsed.Should().Be(kind);
            Integrations.Webhooks.WebhookHeaders.GitlabEventName(kind).Should().EndWith(" Hook");
        }

        Integrations.Webhooks.WebhookHeaders.GitlabEventName(IntegrationEvents.ResourceAccessToken).Should().Be("Resource Access Token Hook");
        Integrations.Webhooks.WebhookHeaders.GitlabEventName(IntegrationEvents.Member).Should().Be("Member Hook");
        IntegrationEventNames.TryParse("feature_flag_events", out var flag).Should().BeTrue("GitLab's hook column names are accepted");
        flag.Should().Be(IntegrationEvents.FeatureFlag);
    }

    private static System.Text.Json.Nodes.JsonObject JsonNode(IntegrationEvent e) => System.Text.Json.Nodes.JsonNode.Parse(e.ToJsonUtf8())!.AsObject();
}
