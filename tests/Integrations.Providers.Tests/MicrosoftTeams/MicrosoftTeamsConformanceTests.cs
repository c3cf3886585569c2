using Integrations.Providers.MicrosoftTeams;
using Integrations.TestSupport;

namespace Integrations.Providers.Tests.MicrosoftTeams;

public sealed class MicrosoftTeamsConformanceTests : IntegrationConformanceTests<MicrosoftTeamsIntegration>
{
    protected override void Register(IIntegrationsBuilder builder) => builder.AddMicrosoftTeams();

    protected override MicrosoftTeamsIntegration CreateConfigured(Uri receiver) => new()
    {
        Scope = IntegrationScope.Project("app"),
        Active = true,
        Webhook = new Uri(receiver, FakeTeams.Path).ToString(),
    };

    protected override void RespondAsWorking(TestReceiver receiver) => receiver.Respond = new FakeTeams().Respond;

    protected override void RespondAsFailing(TestReceiver receiver) => receiver.Respond = new FakeTeams { Status = (404, "", null) }.Respond;
}
