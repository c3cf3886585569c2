using Integrations.Providers.Jenkins;
using Integrations.TestSupport;

namespace Integrations.Providers.Tests.Jenkins;

public sealed class JenkinsConformanceTests : IntegrationConformanceTests<JenkinsIntegration>
{
    protected override void Register(IIntegrationsBuilder builder) => builder.AddJenkins();

    protected override JenkinsIntegration CreateConfigured(Uri receiver) => new()
    {
        Scope = IntegrationScope.Project("app"),
        Active = true,
        JenkinsUrl = receiver.ToString(),
        ProjectName = "platform/app",
        Username = "ci-bot",
        Password = "jenkins-api-token-1234",
    };
}
