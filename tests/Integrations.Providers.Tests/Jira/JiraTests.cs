using System.Text.Json.Nodes;
using Integrations.Events;
using Integrations.Providers.Jira;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.Tests.Jira;

/// <summary>Jira end to end against a stateful fake Jira: links, comments and transitions exactly once.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class JiraTests(DatabaseKind kind) : ProviderTests(kind)
{
    private FakeJira _jira = null!;

    protected override void ConfigureOptions(IntegrationsOptions options) => options.Network.DefaultTimeout = TimeSpan.FromSeconds(1);

    protected override void Configure(IIntegrationsBuilder builder) =>
        builder.Services.Configure<JiraOptions>(o => o.GatewayBaseUrl = Receiver.BaseAddress);

    [SetUp]
    public void UseFakeJira()
    {
        _jira = new FakeJira();
        Receiver.Respond = _jira.Respond;
    }

    private JiraIntegration Jira(Action<JiraIntegration>? configure = null)
    {
        var jira = new JiraIntegration
        {
            Scope = IntegrationScope.Project("app"),
            Active = true,
            WebUrl = Receiver.BaseAddress.ToString(),
            Username = FakeJira.Email,
            Password = FakeJira.ApiToken,
            TransitionMode = JiraTransitionMode.Automatic,
        };
        configure?.Invoke(jira);
        return jira;
    }

    [Test]
    public async Task A_push_mentioning_two_keys_one_closed_and_delivered_twice_comments_links_and_transitions_exactly_once()
    {
        await SaveAsync(Jira());
        _jira.SlowNextComment = TimeSpan.FromSeconds(3); // the first comment is stored, but its answer comes after the 1 s timeout

        var deliveries = await DispatchAsync("app", JiraEvents.PushTo("main", "Fixes ABC-1: round half to even\n\nAlso touches ABC-2 and CVE-2024-1234."));
        await Host.StartWorkersAsync();
        var id = deliveries.Single().DeliveryId;
        await _jira.SlowAnswerStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Host.AdvanceClock(TimeSpan.FromSeconds(1)); // the 1 s timeout runs on the test's clock
        await Host.WaitForDeliveryAsync(id, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "the first attempt timed out");
        Host.AdvanceClock(TimeSpan.FromMinutes(5));
        await Host.WaitForStatusAsync(id, DeliveryStatus.Succeeded, attempts: 2);
        (await Host.ScopeAsync(sp => sp.GetRequiredService<DeliveryLog.IDeliveryLog>().ResendAsync(id))).Should().BeTrue();
        await Host.WaitForDeliveryAsync(id, d => d.Status == DeliveryStatus.Succeeded && d.Attempts == 1, "the resend went through");

        var closed = _jira.Issues["ABC-1"];
        var mentioned = _jira.Issues["ABC-2"];
        closed.Comments.Should().HaveCount(2, "one mention and one 'solved' comment, however often the push is delivered");
        closed.Links.Should().ContainSingle().Which.Value["object"]!["status"]!["resolved"]!.GetValue<bool>().Should().BeTrue();
        closed.Transitions.Should().Equal("31");
        closed.Resolution.Should().Be("Done");
        mentioned.Comments.Should().ContainSingle();
        mentioned.Links.Should().ContainSingle().Which.Value["object"]!["status"]!["resolved"]!.GetValue<bool>().Should().BeFalse();
        mentioned.Transitions.Should().BeEmpty();
        _jira.Issues.Should().NotContainKey("CVE-2024", "CVE ids are not issue keys");
    }

    [Test]
    public async Task Writes_to_one_issue_are_spaced_by_the_per_issue_interval()
    {
        var interval = Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JiraOptions>>().Value.PerIssueWriteInterval;
        interval.Should().BePositive("pacing is on by default");
        await SaveAsync(Jira());

        var deliveries = await DispatchAsync("app", JiraEvents.PushTo("main", "Fixes ABC-1: round half to even"));
        await Host.StartWorkersAsync();
        await Host.WaitForStatusAsync(deliveries.Single().DeliveryId, DeliveryStatus.Succeeded, attempts: 1);

        List<long> writes;
        lock (_jira.Calls)
        {
            writes = _jira.Calls.Select((call, i) => (call, i)).Where(c => c.call.StartsWith("POST ", StringComparison.Ordinal) && c.call.Contains("/issue/ABC-1/", StringComparison.Ordinal)).Select(c => _jira.CallTimes[c.i]).ToList();
        }

        writes.Should().HaveCount(5, "link, comment, transition, 'solved' comment and the resolved link");
        var gaps = writes.Zip(writes.Skip(1), (a, b) => System.Diagnostics.Stopwatch.GetElapsedTime(a, b));
        gaps.Should().OnlyContain(gap => gap >= interval, "Jira Cloud limits writes per issue");
    }

    [Test]
    public async Task The_same_mention_delivered_four_times_at_once_comments_and_links_once()
    {
        await SaveAsync(Jira());
        var push = JiraEvents.PushTo("feature", "Touches ABC-2");

        var deliveries = new List<Dispatch.EnqueuedDelivery>();
        for (var i = 0; i < 4; i++)
        {
            deliveries.AddRange(await DispatchAsync("app", push));
        }

        await Host.StartWorkersAsync();
        foreach (var delivery in deliveries)
        {
            await Host.WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded, attempts: 1);
        }

        _jira.Issues["ABC-2"].Comments.Should().ContainSingle("concurrent deliveries of one mention claim the comment once");
        _jira.Issues["ABC-2"].Links.Should().ContainSingle("the link is upserted by its globalId");
    }

    [Test]
    public async Task A_rate_limited_delivery_waits_for_Retry_After_and_then_writes_once()
    {
        await SaveAsync(Jira());
        _jira.Failure = (429, "90");

        var deliveries = await DispatchAsync("app", JiraEvents.PushTo("feature", "Touches ABC-2"));
        await Host.StartWorkersAsync();
        var id = deliveries.Single().DeliveryId;
        var held = await Host.WaitForDeliveryAsync(id, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "Jira asked it to wait");
        held.NextAttemptAt.Should().BeCloseTo(Host.Time.GetUtcNow().AddSeconds(90), TimeSpan.FromSeconds(2));
        held.LastError.Should().Contain("rate limiting");

        _jira.Failure = null;
        Host.AdvanceClock(TimeSpan.FromSeconds(91));
        await Host.WaitForStatusAsync(id, DeliveryStatus.Succeeded, attempts: 2);
        _jira.Issues["ABC-2"].Comments.Should().ContainSingle("the rate-limited attempt released its claim and the retry wrote once");
        _jira.Issues["ABC-2"].Links.Should().ContainSingle();
    }

    [Test]
    public async Task Comments_on_Jira_Cloud_are_valid_Atlassian_Document_Format()
    {
        await SaveAsync(Jira(j => j.CommentDetail = JiraCommentDetail.AllDetails));

        await DeliverAsync("app", JiraEvents.PushTo("main", "Closes ABC-1 [really] {now}\n\nSecond line with <html> & a | pipe."));

        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Jira", "adf-schema-full.json"));
        var comments = _jira.Issues["ABC-1"].Comments;
        comments.Should().HaveCount(2);
        foreach (var comment in comments)
        {
            schema.Validate(comment.ToJsonString()).Should().BeEmpty("the comment must be valid against Atlassian's published ADF schema: " + comment.ToJsonString());
        }

        comments[0].ToJsonString().Should().Contain("blockquote").And.Contain("Second line");
    }

    [Test]
    public async Task Jira_Data_Center_with_a_personal_access_token_gets_wiki_markup_on_REST_v2()
    {
        _jira.DeploymentType = "DataCenter";
        await SaveAsync(Jira(j =>
        {
            j.WebUrl = Receiver.BaseAddress.ToString();
            j.Authentication = JiraAuthentication.DataCenterToken;
            j.Username = null;
            j.Password = FakeJira.PersonalAccessToken;
        }));

        await DeliverAsync("app", JiraEvents.PushTo("feature", "Refs ABC-2 [draft]"));

        var comment = _jira.Issues["ABC-2"].Comments.Single().GetValue<string>();
        comment.Should().StartWith("Ada Lovelace (ada) mentioned this issue in [a commit of platform/billing-api|https://forge.example.test/");
        comment.Should().EndWith("{quote}Refs ABC-2 \\[draft\\]{quote}");
        _jira.Calls.Should().Contain(c => c.StartsWith("POST /rest/api/2/issue/ABC-2/comment", StringComparison.Ordinal));
        _jira.Issues["ABC-2"].Transitions.Should().BeEmpty("a push to a feature branch closes nothing");
    }

    [Test]
    public async Task A_scoped_token_goes_through_the_gateway_with_the_sites_cloud_id()
    {
        await SaveAsync(Jira(j => j.Authentication = JiraAuthentication.CloudScopedToken));

        await DeliverAsync("app", JiraEvents.PushTo("feature", "Refs ABC-2"));

        _jira.Calls.Should().Contain("GET /_edge/tenant_info");
        _jira.ThroughGateway.Should().BeGreaterThan(0);
        _jira.Calls.Should().Contain(c => c.StartsWith("POST /ex/jira/cloud-123/rest/api/3/issue/ABC-2/comment", StringComparison.Ordinal));
    }

    [Test]
    public async Task Custom_transitions_apply_in_order_and_stop_at_the_first_failure_with_Jiras_reason()
    {
        await SaveAsync(Jira(j =>
        {
            j.TransitionMode = JiraTransitionMode.Custom;
            j.TransitionIds = "99; 31";
        }));

        var deliveries = await DispatchAsync("app", JiraEvents.PushTo("main", "Resolves ABC-1"));
        await Host.StartWorkersAsync();
        var dead = await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Dead, attempts: 1);

        dead.LastError.Should().Contain("transition 99 failed").And.Contain("Transition id '99' is not valid");
        _jira.Issues["ABC-1"].Transitions.Should().BeEmpty("31 comes after the failed 99");
    }

    [Test]
    public async Task A_merge_request_merged_into_the_default_branch_closes_what_its_description_closes()
    {
        await SaveAsync(Jira());
        var opened = JsonNode.Parse(SampleEvents.MergeRequest().ToJsonUtf8())!;
        opened["object_attributes"]!["action"] = "open";
        opened["object_attributes"]!["description"] = "Closes ABC-1.";
        var merged = opened.DeepClone();
        merged["object_attributes"]!["action"] = "merge";

        await DeliverAsync("app", new JsonEvent(IntegrationEvents.MergeRequest, System.Text.Encoding.UTF8.GetBytes(opened.ToJsonString())));
        _jira.Issues["ABC-1"].Transitions.Should().BeEmpty("opening does not close");
        await DeliverAsync("app", new JsonEvent(IntegrationEvents.MergeRequest, System.Text.Encoding.UTF8.GetBytes(merged.ToJsonString())));

        _jira.Issues["ABC-1"].Transitions.Should().Equal("31");
        _jira.Issues["ABC-1"].Comments.Should().HaveCount(2, "one mention for the merge request, one 'solved'");
    }

    [Test]
    public async Task An_issue_that_already_has_a_resolution_is_not_transitioned()
    {
        _jira.Issues["ABC-1"].Resolution = "Won't Do";
        await SaveAsync(Jira());

        await DeliverAsync("app", JiraEvents.PushTo("main", "Fixes ABC-1"));

        _jira.Issues["ABC-1"].Transitions.Should().BeEmpty();
    }

    [TestCase(401, "expired")]
    [TestCase(403, "permission")]
    [TestCase(404, "Web URL")]
    [TestCase(429, "rate limiting")]
    public async Task Test_settings_gives_a_distinct_message_for_each_failure(int status, string says)
    {
        _jira.Failure = (status, status == 429 ? "10" : null);

        var result = await TestSettingsAsync(Jira());

        result.Result.Succeeded.Should().BeFalse();
        result.Result.Message.Should().Contain(says).And.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task Test_settings_names_the_deployment_and_the_account()
    {
        var result = await TestSettingsAsync(Jira());

        result.Result.Succeeded.Should().BeTrue(result.Result.Message);
        result.Result.Message.Should().StartWith("Connected to Jira Cloud").And.EndWith("as Ada Lovelace.");
    }

    [Test]
    public async Task A_personal_access_token_against_Jira_Cloud_is_refused_at_save()
    {
        var act = () => SaveAsync(Jira(j =>
        {
            j.WebUrl = "https://example.atlassian.net";
            j.Authentication = JiraAuthentication.DataCenterToken;
        }));

        var refused = (await act.Should().ThrowAsync<Validation.IntegrationValidationException>()).Which;
        refused.Errors["authentication"].Single().Should().Contain("only with Jira Data Center");
    }

    [Test]
    public void A_negative_write_interval_fails_at_startup_naming_the_option()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIntegrations().AddJira();
        services.Configure<JiraOptions>(o => o.PerIssueWriteInterval = TimeSpan.FromSeconds(-1));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<JiraOptions>>().Value;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*PerIssueWriteInterval*");
    }
}
