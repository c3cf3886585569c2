using Integrations.Providers.ServiceNow;
using Integrations.TestSupport;

namespace Integrations.Providers.Tests.ServiceNow;

public sealed class ServiceNowConformanceTests : IntegrationConformanceTests<ServiceNowIntegration>
{
    protected override void Register(IIntegrationsBuilder builder) => builder.AddServiceNow();

    protected override ServiceNowIntegration CreateConfigured(Uri receiver) => new()
    {
        Scope = IntegrationScope.Group("platform"),
        Active = true,
        InstanceUrl = receiver.ToString(),
        Username = FakeServiceNow.User,
        Password = FakeServiceNow.Password,
        AssignmentGroup = "Change Management",
        ChangeEnvironmentTiers = ["production", "staging"],
    };

    protected override void RespondAsWorking(TestReceiver receiver) => receiver.Respond = new FakeServiceNow().Respond;

    protected override void RespondAsFailing(TestReceiver receiver) => receiver.Respond = new FakeServiceNow { Failure = (401, null) }.Respond;
}
