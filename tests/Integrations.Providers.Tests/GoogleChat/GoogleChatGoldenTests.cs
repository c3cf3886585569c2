using System.Text.Json.Nodes;
using Integrations.Chat;
using Integrations.Providers.GoogleChat;

namespace Integrations.Providers.Tests.GoogleChat;

public sealed class GoogleChatGoldenTests : ChatGoldenTests
{
    protected override string GoldenPrefix => "GoogleChat/Golden/google-chat-";

    protected override JsonObject Render(ChatMessage message) => GoogleChatCardRenderer.Render(message);
}
