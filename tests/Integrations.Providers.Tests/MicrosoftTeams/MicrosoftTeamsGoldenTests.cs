using System.Text.Json.Nodes;
using Integrations.Chat;
using Integrations.Providers.MicrosoftTeams;

namespace Integrations.Providers.Tests.MicrosoftTeams;

public sealed class MicrosoftTeamsGoldenTests : ChatGoldenTests
{
    protected override string GoldenPrefix => "MicrosoftTeams/Golden/teams-";

    protected override JsonObject Render(ChatMessage message) => TeamsCardRenderer.Render(message);
}
