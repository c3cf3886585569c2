using Integrations.Providers.Webhook;
using Integrations.TestSupport;
using Integrations.Webhooks;

namespace Integrations.Providers.Tests.Webhook;

public sealed class WebhookConformanceTests : IntegrationConformanceTests<WebhookIntegration>
{
    protected override void Register(IIntegrationsBuilder builder) => builder.AddWebhooks();

    protected override WebhookIntegration CreateConfigured(Uri receiver) => new()
    {
        Scope = IntegrationScope.Project("app"),
        Active = true,
        Name = "Deploy bot",
        HookDescription = "Tells the deploy bot about pushes.",
        Url = receiver + "hooks/{path_key}",
        UrlVariables = new Dictionary<string, string> { ["path_key"] = "path-secret-123" },
        Token = "plain-token-456",
        SigningSecret = WebhookSecret.Generate(),
        HubSignature = true,
        CustomHeaders = new Dictionary<string, string> { ["X-Team-Key"] = "team-secret-789" },
        PushEventsBranchFilter = "main, release/*",
        BranchFilterStrategy = Events.BranchFilterStrategy.Wildcard,
        TimeoutSeconds = 5,
    };
}
