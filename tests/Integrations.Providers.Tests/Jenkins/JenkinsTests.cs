using System.Text;
using Integrations.Events;
using Integrations.Providers.Jenkins;
using Integrations.TestSupport;
using Integrations.Validation;

namespace Integrations.Providers.Tests.Jenkins;

/// <summary>Jenkins through its GitLab plugin endpoint, at a local server that answers as the plugin does.</summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class JenkinsTests(DatabaseKind kind) : ProviderTests(kind)
{
    private JenkinsIntegration Jenkins() => new()
    {
        Scope = IntegrationScope.Project("app"),
        Active = true,
        JenkinsUrl = Receiver.BaseAddress + "ci/",
        ProjectName = "platform folder/app",
        Username = "ci-bot",
        Password = "jenkins-api-token-1234",
        EnabledEvents = IntegrationEvents.Push | IntegrationEvents.MergeRequest,
    };

    [Test]
    public async Task A_push_posts_the_GitLab_payload_to_the_plugin_endpoint_with_basic_authentication()
    {
        await SaveAsync(Jenkins());

        await DeliverAsync("app", SampleEvents.Push());

        var request = Receiver.Requests.Single();
        request.PathAndQuery.Should().Be("/ci/project/platform%20folder/app");
        request.Header("Authorization").Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci-bot:jenkins-api-token-1234")));
        request.Header("X-Gitlab-Event").Should().Be("Push Hook");
        request.BodyText.Should().Contain("\"object_kind\":\"push\"");
    }

    [Test]
    public async Task Test_settings_succeeds_only_on_200_OK()
    {
        RespondWith(204);
        var noContent = await TestSettingsAsync(Jenkins());
        RespondWith(200);
        var ok = await TestSettingsAsync(Jenkins());

        noContent.Result.Succeeded.Should().BeFalse();
        noContent.Result.Message.Should().Contain("204").And.Contain("200 OK");
        ok.Result.Succeeded.Should().BeTrue(ok.Result.Message);
    }

    [Test]
    public async Task A_wrong_password_fails_the_test_with_the_status()
    {
        RespondWith(401);

        var result = await TestSettingsAsync(Jenkins());

        result.Result.Succeeded.Should().BeFalse();
        result.Result.StatusCode.Should().Be(401);
        result.Attempt!.RequestHeaders["Authorization"].Should().NotContain("jenkins-api-token-1234");
    }

    [Test]
    public async Task Jenkins_is_project_level_only_and_supports_push_merge_request_and_tag_push()
    {
        var atGroup = Jenkins();
        atGroup.Scope = IntegrationScope.Group("platform");
        var act = () => SaveAsync(atGroup);
        (await act.Should().ThrowAsync<IntegrationValidationException>()).Which.Errors.Should().ContainKey("scope");

        new JenkinsIntegration().SupportedEvents.Should().Be(IntegrationEvents.Push | IntegrationEvents.MergeRequest | IntegrationEvents.TagPush);
        new JenkinsIntegration().DefaultEvents.Should().Be(IntegrationEvents.Push, "merge request and tag push events are opt-in, as in GitLab");
    }
}
