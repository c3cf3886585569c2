using System.Text.Json.Nodes;
using Integrations.Events;

namespace Integrations.Providers.Tests.Jira;

/// <summary>Pushes with a chosen branch and commit message, from the sample push.</summary>
internal static class JiraEvents
{
    public static JsonEvent PushTo(string branch, string message)
    {
        var push = JsonNode.Parse(SampleEvents.Push(commits: 1).ToJsonUtf8())!;
        push["ref"] = "refs/heads/" + branch;
        push["commits"]![0]!["message"] = message;
        push["commits"]![0]!["title"] = message.Split('\n')[0];
        return new JsonEvent(IntegrationEvents.Push, System.Text.Encoding.UTF8.GetBytes(push.ToJsonString()), "refs/heads/" + branch);
    }
}
