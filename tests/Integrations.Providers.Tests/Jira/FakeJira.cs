using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integrations.Providers.Tests.Jira;

/// <summary>
/// A stateful fake Jira (REST v2 and v3): issues with statuses, status categories and resolutions, transitions, comments
/// (wiki markup on v2, an ADF document on v3), remote links upserted by <c>globalId</c>, server info, myself, Basic and
/// Bearer authentication, and Jira's error shapes. Tests assert on its final state.
/// </summary>
internal sealed partial class FakeJira
{
    public const string Email = "ada@example.test";
    public const string ApiToken = "jira-api-token-123";
    public const string PersonalAccessToken = "jira-pat-456";

    public sealed class Issue
    {
        public string Summary { get; set; } = "An issue";

        public string Status { get; set; } = "To Do";

        public string Category { get; set; } = "new";

        public string? Resolution { get; set; }

        public List<JsonNode> Comments { get; } = [];

        public Dictionary<string, JsonObject> Links { get; } = new(StringComparer.Ordinal);

        public List<string> Transitions { get; } = [];
    }

    public Dictionary<string, Issue> Issues { get; } = new(StringComparer.Ordinal) { ["ABC-1"] = new(), ["ABC-2"] = new() };

    public string DeploymentType { get; set; } = "Cloud";

    /// <summary>Makes the next comment take this long to answer (it is stored first, as a slow Jira would).</summary>
    public TimeSpan? SlowNextComment { get; set; }

    /// <summary>Completed when the slow answer of <see cref="SlowNextComment"/> begins (the comment is stored by then).</summary>
    public TaskCompletionSource SlowAnswerStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public (int Status, string? RetryAfter)? Failure { get; set; }

    public List<string> Calls { get; } = [];

    /// <summary>When each call arrived (<see cref="System.Diagnostics.Stopwatch"/> ticks), in the order of <see cref="Calls"/>.</summary>
    public List<long> CallTimes { get; } = [];

    /// <summary>How many API calls came through the scoped-token gateway path.</summary>
    public int ThroughGateway { get; private set; }

    public Func<ReceivedRequest, HttpContext, Task> Respond => async (request, context) =>
    {
        lock (Calls)
        {
            Calls.Add($"{request.Method} {request.PathAndQuery}");
            CallTimes.Add(System.Diagnostics.Stopwatch.GetTimestamp());
        }

        context.Response.ContentType = "application/json;charset=UTF-8";
        if (Failure is { } failure)
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            await context.Response.WriteAsync(failure.Status == 401 ? string.Empty : Errors("Rate limit exceeded.").ToJsonString());
            return;
        }

        if (request.PathAndQuery == "/_edge/tenant_info")
        {
            await context.Response.WriteAsync("""{"cloudId":"cloud-123"}""");
            return;
        }

        var authorization = request.Header("Authorization");
        if (authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{ApiToken}")) && authorization != "Bearer " + PersonalAccessToken)
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("Client must be authenticated to access this resource.");
            return;
        }

        var (status, body, delay) = Answer(request);
        if (delay is { } wait)
        {
            SlowAnswerStarted.TrySetResult();
            await Task.Delay(wait);
        }

        context.Response.StatusCode = status;
        if (body is not null)
        {
            await context.Response.WriteAsync(body.ToJsonString());
        }
    };

    private (int Status, JsonNode? Body, TimeSpan? Delay) Answer(ReceivedRequest request)
    {
        var path = request.PathAndQuery.Split('?')[0];
        if (path.StartsWith("/ex/jira/cloud-123/", StringComparison.Ordinal))
        {
            path = path["/ex/jira/cloud-123".Length..];
            lock (Calls)
            {
                ThroughGateway++;
            }
        }
        if (path == "/rest/api/2/serverInfo")
        {
            return (200, new JsonObject { ["baseUrl"] = "https://example.atlassian.net", ["version"] = DeploymentType == "Cloud" ? "1001.0.0-SNAPSHOT" : "9.12.4", ["deploymentType"] = DeploymentType }, null);
        }

        if (path is "/rest/api/3/search/jql" or "/rest/api/2/search")
        {
            return (200, Search(path, JsonNode.Parse(request.Body)!), null);
        }

        var match = Route().Match(path);
        if (!match.Success)
        {
            return (404, Errors("Not found."), null);
        }

        var version = int.Parse(match.Groups["v"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (match.Groups["myself"].Success)
        {
            return (200, new JsonObject { ["accountId"] = "5b10ac8d82e05b22cc7d4ef5", ["displayName"] = "Ada Lovelace", ["emailAddress"] = Email }, null);
        }

        var key = match.Groups["key"].Value;
        lock (Issues)
        {
            if (!Issues.TryGetValue(key, out var issue))
            {
                return (404, Errors("Issue does not exist or you do not have permission to see it."), null);
            }

            var body = request.Body.Length > 0 ? JsonNode.Parse(request.Body) : null;
            switch (match.Groups["what"].Value, request.Method)
            {
                case ("", "GET"):
                    return (200, new JsonObject
                    {
                        ["key"] = key,
                        ["fields"] = new JsonObject
                        {
                            ["summary"] = issue.Summary,
                            ["description"] = version >= 3
                                ? new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = new JsonArray(new JsonObject { ["type"] = "paragraph", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Seen on EUR invoices." }) }) }
                                : "Seen on EUR invoices.",
                            ["comment"] = new JsonObject { ["comments"] = new JsonArray(issue.Comments.Select(c => (JsonNode?)new JsonObject { ["author"] = new JsonObject { ["displayName"] = "Ada Lovelace" }, ["body"] = c.DeepClone(), ["created"] = "2026-12-02T09:00:00.000+0000" }).ToArray()) },
                            ["resolution"] = issue.Resolution is null ? null : new JsonObject { ["name"] = issue.Resolution },
                            ["status"] = new JsonObject { ["name"] = issue.Status, ["statusCategory"] = new JsonObject { ["key"] = issue.Category } },
                        },
                    }, null);
                case ("/transitions", "GET"):
                    return (200, new JsonObject
                    {
                        ["transitions"] = new JsonArray(
                            Transition("11", "Start", "In Progress", "indeterminate"),
                            Transition("31", "Done", "Done", "done")),
                    }, null);
                case ("/transitions", "POST"):
                    var id = body?["transition"]?["id"]?.GetValue<string>();
                    if (id is not ("11" or "31"))
                    {
                        return (400, Errors($"Transition id '{id}' is not valid for this issue."), null);
                    }

                    issue.Transitions.Add(id);
                    (issue.Status, issue.Category, issue.Resolution) = id == "31" ? ("Done", "done", "Done") : ("In Progress", "indeterminate", null);
                    return (204, null, null);
                case ("/comment", "POST"):
                    var comment = body?["body"];
                    if (comment is null || (version >= 3 ? comment["type"]?.GetValue<string>() != "doc" : comment is not JsonValue))
                    {
                        return (400, new JsonObject { ["errorMessages"] = new JsonArray(), ["errors"] = new JsonObject { ["comment"] = version >= 3 ? "Comment body is not valid!" : "Comment body can not be empty!" } }, null);
                    }

                    issue.Comments.Add(comment.DeepClone());
                    var delay = SlowNextComment;
                    SlowNextComment = null;
                    return (201, new JsonObject { ["id"] = issue.Comments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }, delay);
                case ("/remotelink", "POST"):
                    var globalId = body?["globalId"]?.GetValue<string>();
                    var created = globalId is null || !issue.Links.ContainsKey(globalId);
                    issue.Links[globalId ?? Guid.NewGuid().ToString()] = body!.AsObject();
                    return (created ? 201 : 200, new JsonObject { ["id"] = issue.Links.Count, ["self"] = $"https://example.atlassian.net/rest/api/{version}/issue/{key}/remotelink/{issue.Links.Count}" }, null);
                default:
                    return (405, Errors("Method not allowed."), null);
            }
        }
    }

    /// <summary>JQL as the provider writes it: <c>project = "ABC" [AND text ~ "…"] ORDER BY updated DESC</c>.</summary>
    private JsonObject Search(string path, JsonNode body)
    {
        var jql = body["jql"]!.GetValue<string>();
        var project = Regex.Match(jql, "project = \"(?<p>[A-Z0-9_]+)\"").Groups["p"].Value;
        var text = Regex.Match(jql, "text ~ \"(?<t>(?:[^\"\\\\]|\\\\.)*)\"").Groups["t"].Value.Replace("\\\"", "\"", StringComparison.Ordinal);
        var max = body["maxResults"]?.GetValue<int>() ?? 50;
        List<string> keys;
        lock (Issues)
        {
            keys = Issues.Where(i => i.Key.StartsWith(project + "-", StringComparison.Ordinal) && (text.Length == 0 || i.Value.Summary.Contains(text, StringComparison.OrdinalIgnoreCase)))
                .Select(i => i.Key).OrderBy(k => int.Parse(k.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }

        JsonNode Item(string key) => new JsonObject
        {
            ["key"] = key,
            ["fields"] = new JsonObject { ["summary"] = Issues[key].Summary, ["status"] = new JsonObject { ["name"] = Issues[key].Status, ["statusCategory"] = new JsonObject { ["key"] = Issues[key].Category } }, ["assignee"] = null },
        };

        if (path == "/rest/api/3/search/jql")
        {
            var start = body["nextPageToken"] is { } token ? int.Parse(token.GetValue<string>()["page-".Length..], System.Globalization.CultureInfo.InvariantCulture) : 0;
            var page = keys.Skip(start).Take(max).ToList();
            var last = start + page.Count >= keys.Count;
            var answer = new JsonObject { ["issues"] = new JsonArray(page.Select(k => (JsonNode?)Item(k)).ToArray()), ["isLast"] = last };
            if (!last)
            {
                answer["nextPageToken"] = "page-" + (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return answer;
        }

        var startAt = body["startAt"]?.GetValue<int>() ?? 0;
        return new JsonObject
        {
            ["startAt"] = startAt, ["maxResults"] = max, ["total"] = keys.Count,
            ["issues"] = new JsonArray(keys.Skip(startAt).Take(max).Select(k => (JsonNode?)Item(k)).ToArray()),
        };
    }

    private static JsonObject Transition(string id, string name, string to, string category) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["to"] = new JsonObject { ["name"] = to, ["statusCategory"] = new JsonObject { ["key"] = category } },
    };

    private static JsonObject Errors(string message) => new() { ["errorMessages"] = new JsonArray(message), ["errors"] = new JsonObject() };

    [GeneratedRegex(@"^/rest/api/(?<v>[23])/(?:(?<myself>myself)|issue/(?<key>[A-Z][A-Z0-9_]*-\d+)(?<what>/transitions|/comment|/remotelink)?)$")]
    private static partial Regex Route();
}
