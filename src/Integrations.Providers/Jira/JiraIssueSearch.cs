using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.Http;
using Microsoft.Extensions.Options;

namespace Integrations.Providers.Jira;

/// <summary>
/// Lists, searches and reads a project's Jira issues with a Jira integration's settings, so a host can show them
/// without users leaving it: JQL through <c>POST /rest/api/3/search/jql</c> with <c>nextPageToken</c> paging on Cloud and
/// <c>POST /rest/api/2/search</c> on Data Center. Calls go through the library's guarded client (never to the local
/// network unless allowed). Failures throw <see cref="JiraException"/> with a message that says what to do.
/// </summary>
public sealed partial class JiraIssueSearch(IHttpClientFactory clients, TimeProvider time, IOptions<JiraOptions> options)
{
    private static readonly string[] Fields = ["summary", "status", "assignee"];

    /// <summary>One page of a project's issues, newest activity first, optionally matching a text.</summary>
    /// <param name="settings">The Jira integration's (effective) settings.</param>
    /// <param name="projectKey">The Jira project key (<c>ABC</c>).</param>
    /// <param name="text">Text to search for, or null for all.</param>
    /// <param name="nextPageToken">The token of the page to read; null for the first.</param>
    /// <param name="pageSize">Issues per page (1–100).</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public async Task<JiraIssuePage> SearchAsync(JiraIntegration settings, string projectKey, string? text = null, string? nextPageToken = null,
        int pageSize = 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!ProjectKey().IsMatch(projectKey ?? string.Empty))
        {
            throw new ArgumentException($"'{projectKey}' is not a Jira project key (a capital letter, then capitals, digits or underscores).", nameof(projectKey));
        }

        pageSize = Math.Clamp(pageSize, 1, 100);
        var jql = $"project = \"{projectKey}\"" + (string.IsNullOrWhiteSpace(text) ? string.Empty : $" AND text ~ \"{Escape(text)}\"") + " ORDER BY updated DESC";
        var api = await ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
        var fields = new JsonArray(Fields.Select(f => (JsonNode?)f).ToArray());
        if (api.Version >= 3)
        {
            var body = new JsonObject { ["jql"] = jql, ["fields"] = fields, ["maxResults"] = pageSize };
            if (nextPageToken is not null)
            {
                body["nextPageToken"] = nextPageToken;
            }

            var page = Check(await api.PostAsync("rest/api/3/search/jql", body, cancellationToken).ConfigureAwait(false));
            var isLast = page?["isLast"]?.GetValue<bool>() ?? true;
            return new JiraIssuePage(Issues(settings, page), isLast ? null : page?["nextPageToken"]?.GetValue<string>());
        }

        var startAt = nextPageToken is null ? 0 : int.Parse(nextPageToken, NumberStyles.None, CultureInfo.InvariantCulture);
        var result = Check(await api.PostAsync("rest/api/2/search", new JsonObject { ["jql"] = jql, ["fields"] = fields, ["startAt"] = startAt, ["maxResults"] = pageSize }, cancellationToken).ConfigureAwait(false));
        var issues = Issues(settings, result);
        var total = result?["total"]?.GetValue<int>() ?? 0;
        var next = startAt + issues.Count;
        return new JiraIssuePage(issues, issues.Count > 0 && next < total ? next.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>One issue with its description and comments, or null when it does not exist or is hidden from the account.</summary>
    /// <param name="settings">The Jira integration's (effective) settings.</param>
    /// <param name="key">The issue key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<JiraIssueDetails?> GetIssueAsync(JiraIntegration settings, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var api = await ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
        var answer = await api.GetAsync(api.Rest($"issue/{Uri.EscapeDataString(key)}?fields=summary,status,assignee,description,comment"), cancellationToken).ConfigureAwait(false);
        if (answer.Status == 404)
        {
            return null;
        }

        var issue = Check(answer)!;
        var comments = (issue["fields"]?["comment"]?["comments"]?.AsArray() ?? [])
            .Select(c => new JiraComment(c?["author"]?["displayName"]?.GetValue<string>(), PlainText(c?["body"]),
                DateTimeOffset.TryParse(c?["created"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null))
            .ToList();
        return new JiraIssueDetails(Summary(settings, issue), PlainText(issue["fields"]?["description"]), comments);
    }

    private async Task<JiraApi> ConnectAsync(JiraIntegration settings, CancellationToken cancellationToken)
    {
        string? cloudId = null;
        var (api, failure) = await settings.ConnectAsync(clients.CreateClient(IntegrationsHttp.ClientName), options.Value.GatewayBaseUrl, time.GetUtcNow(),
            _ => Task.FromResult(cloudId), (id, _) =>
            {
                cloudId = id;
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        return api ?? throw new JiraException(failure!.Message ?? "Jira could not be reached.") { StatusCode = failure.StatusCode, IsTransient = failure.IsTransient };
    }

    private static JsonNode? Check(JiraAnswer answer) => answer.Ok
        ? answer.Body
        : throw new JiraException(answer.Result.Message ?? $"Jira answered {answer.Status}.") { StatusCode = answer.Status, IsTransient = answer.Result.IsTransient };

    private static List<JiraIssueSummary> Issues(JiraIntegration settings, JsonNode? page) =>
        (page?["issues"]?.AsArray() ?? []).Where(i => i is not null).Select(i => Summary(settings, i!)).ToList();

    private static JiraIssueSummary Summary(JiraIntegration settings, JsonNode issue)
    {
        var key = issue["key"]?.GetValue<string>() ?? string.Empty;
        var fields = issue["fields"];
        return new JiraIssueSummary(key, fields?["summary"]?.GetValue<string>() ?? string.Empty, fields?["status"]?["name"]?.GetValue<string>(),
            fields?["status"]?["statusCategory"]?["key"]?.GetValue<string>(), fields?["assignee"]?["displayName"]?.GetValue<string>(),
            new Uri(new Uri(settings.WebUrl!.TrimEnd('/') + "/"), "browse/" + key));
    }

    /// <summary>Text out of a wiki-markup string (v2) or an ADF document (v3).</summary>
    private static string PlainText(JsonNode? body) => body switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject node when node["type"]?.GetValue<string>() == "text" => node["text"]?.GetValue<string>() ?? string.Empty,
        JsonObject node => string.Join(node["type"]?.GetValue<string>() is "doc" or "blockquote" ? "\n" : string.Empty,
            (node["content"]?.AsArray() ?? []).Select(PlainText)),
        _ => string.Empty,
    };

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Z][A-Z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectKey();
}
