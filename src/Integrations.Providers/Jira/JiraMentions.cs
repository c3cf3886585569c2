using System.Text.Json;

namespace Integrations.Providers.Jira;

/// <summary>Reads the mentioned (and closed) issue keys out of a push or merge request payload.</summary>
internal static class JiraMentions
{
    public static List<JiraMention> From(IntegrationExecutionContext context, JiraIntegration settings)
    {
        var keys = settings.IssueKeys();
        var payload = context.Payload;
        var project = Text(payload, "project", "path_with_namespace") ?? Text(payload, "project", "name") ?? "the project";
        var projectUrl = Text(payload, "project", "web_url");
        var defaultBranch = Text(payload, "project", "default_branch");
        var mentions = new List<JiraMention>();
        if (context.Event == IntegrationEvents.Push)
        {
            var branch = (Text(payload, "ref") ?? string.Empty).Replace("refs/heads/", string.Empty, StringComparison.Ordinal);
            var onDefault = branch == defaultBranch;
            var user = Who(Text(payload, "user_name"), Text(payload, "user_username"));
            if (payload.TryGetProperty("commits", out var commits) && commits.ValueKind == JsonValueKind.Array)
            {
                foreach (var commit in commits.EnumerateArray())
                {
                    var message = Text(commit, "message") ?? string.Empty;
                    var sha = Text(commit, "id") ?? string.Empty;
                    var url = Text(commit, "url") ?? $"{projectUrl}/-/commit/{sha}";
                    var closed = onDefault ? keys.Closed(message) : [];
                    foreach (var key in keys.Mentioned(message))
                    {
                        mentions.Add(new JiraMention(key, closed.Contains(key, StringComparer.Ordinal), "commit", url, $"commit {sha[..Math.Min(8, sha.Length)]}",
                            message.Split('\n')[0], message, user, project, projectUrl, branch));
                    }
                }
            }
        }
        else if (context.Event == IntegrationEvents.MergeRequest)
        {
            var title = Text(payload, "object_attributes", "title") ?? string.Empty;
            var description = Text(payload, "object_attributes", "description");
            var text = title + "\n" + description;
            var merged = Text(payload, "object_attributes", "action") == "merge" && Text(payload, "object_attributes", "target_branch") == defaultBranch;
            var closed = merged ? keys.Closed(text) : [];
            var url = Text(payload, "object_attributes", "url") ?? projectUrl ?? string.Empty;
            var user = Who(Text(payload, "user", "name"), Text(payload, "user", "username"));
            foreach (var key in keys.Mentioned(text))
            {
                mentions.Add(new JiraMention(key, closed.Contains(key, StringComparer.Ordinal), "merge request", url, $"merge request !{Text(payload, "object_attributes", "iid")}",
                    title, description, user, project, projectUrl, null));
            }
        }

        return mentions;
    }

    private static string Who(string? name, string? username) =>
        string.IsNullOrEmpty(username) ? name ?? "Someone" : string.IsNullOrEmpty(name) ? username : $"{name} ({username})";

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var key in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element))
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            _ => null,
        };
    }
}
