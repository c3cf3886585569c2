using System.Text.Json.Nodes;
using Integrations.Chat;
using Integrations.Providers.Slack;

namespace Integrations.Providers.Tests.Slack;

public sealed class SlackGoldenTests : ChatGoldenTests
{
    protected override string GoldenPrefix => "Slack/Golden/slack-";

    protected override JsonObject Render(ChatMessage message) => SlackMessageRenderer.Render(message);
}
