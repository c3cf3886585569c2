using Integrations.Providers.GoogleChat;
using Integrations.TestSupport;

namespace Integrations.Providers.Tests.GoogleChat;

public sealed class GoogleChatConformanceTests : IntegrationConformanceTests<GoogleChatIntegration>
{
    protected override void Register(IIntegrationsBuilder builder) => builder.AddGoogleChat();

    protected override GoogleChatIntegration CreateConfigured(Uri receiver) => new()
    {
        Scope = IntegrationScope.Project("app"),
        Active = true,
        Webhook = new Uri(receiver, FakeGoogleChat.Path).ToString(),
    };

    protected override void RespondAsWorking(TestReceiver receiver) => receiver.Respond = new FakeGoogleChat().Respond;

    protected override void RespondAsFailing(TestReceiver receiver) => receiver.Respond = new FakeGoogleChat { Status = (403, "PERMISSION_DENIED", null) }.Respond;
}
