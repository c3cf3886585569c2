using Integrations.Providers.Slack;
using Integrations.TestSupport;

namespace Integrations.Providers.Tests.Slack;

public sealed class SlackConformanceTests : IntegrationConformanceTests<SlackIntegration>
{
    protected override void Register(IIntegrationsBuilder builder) => builder.AddSlack();

    protected override SlackIntegration CreateConfigured(Uri receiver) => new()
    {
        Scope = IntegrationScope.Project("app"),
        Active = true,
        Webhook = new Uri(receiver, FakeSlack.Path).ToString(),
        Username = "Forge",
        Channel = "#dev",
        IssueChannel = "#issues, #triage",
    };

    protected override void RespondAsWorking(TestReceiver receiver) => receiver.Respond = new FakeSlack().Respond;

    protected override void RespondAsFailing(TestReceiver receiver)
    {
        var slack = new FakeSlack();
        slack.Failures["#dev"] = (404, "channel_not_found", null);
        receiver.Respond = slack.Respond;
    }
}
