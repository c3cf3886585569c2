using Integrations.Providers.Jira;
using Integrations.TestSupport;

namespace Integrations.Providers.Tests.Jira;

public sealed class JiraConformanceTests : IntegrationConformanceTests<JiraIntegration>
{
    protected override void Register(IIntegrationsBuilder builder) => builder.AddJira();

    protected override JiraIntegration CreateConfigured(Uri receiver) => new()
    {
        Scope = IntegrationScope.Group("platform"),
        Active = true,
        WebUrl = receiver.ToString(),
        Username = FakeJira.Email,
        Password = FakeJira.ApiToken,
        TransitionMode = JiraTransitionMode.Custom,
        TransitionIds = "11, 31",
        ProjectKeys = ["ABC"],
    };

    protected override void RespondAsWorking(TestReceiver receiver) => receiver.Respond = new FakeJira().Respond;

    protected override void RespondAsFailing(TestReceiver receiver) => receiver.Respond = new FakeJira { Failure = (401, null) }.Respond;
}
