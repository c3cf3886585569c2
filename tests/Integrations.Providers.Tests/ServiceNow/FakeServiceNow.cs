using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integrations.Providers.Tests.ServiceNow;

/// <summary>
/// A stateful ServiceNow Table API behind the test receiver: <c>change_request</c> and <c>incident</c> rows with
/// sys_ids and numbers, <c>sysparm_query</c> equality on any field (<c>correlation_id=…^state=…</c>),
/// <c>sysparm_fields</c> and <c>sysparm_limit</c>, Basic auth and OAuth client credentials at <c>/oauth_token.do</c>,
/// approvals a test can decide, and the documented error envelope
/// (<c>{"error":{"message","detail"},"status":"failure"}</c>) for 400 (invalid table), 401, 403 (ACL), 404 and 429
/// (with <c>Retry-After</c> and the <c>X-RateLimit-*</c> headers).
/// </summary>
internal sealed class FakeServiceNow
{
    public const string User = "gitlab.integration";

    public const string Password = "sn-password-7";

    public const string ClientId = "3f2c0e6a9b8d4c1e";

    public const string ClientSecret = "sn-client-secret-9";

    private int _sequence;

    public Dictionary<string, List<JsonObject>> Tables { get; } = new(StringComparer.Ordinal)
    {
        ["change_request"] = [],
        ["incident"] = [],
    };

    /// <summary>Tables an ACL hides from the account (reads and writes answer 403).</summary>
    public HashSet<string> Denied { get; } = new(StringComparer.Ordinal);

    /// <summary>Tokens the fake issued and still accepts.</summary>
    public HashSet<string> ValidTokens { get; } = new(StringComparer.Ordinal);

    public int TokensIssued { get; private set; }

    /// <summary>Answers the next requests with this status (and a Retry-After) until cleared.</summary>
    public (int Status, string? RetryAfter)? Failure { get; set; }

    /// <summary>Makes the next insert take this long to answer (it is stored first, as a slow instance would).</summary>
    public TimeSpan? SlowNextInsert { get; set; }

    /// <summary>Completed when the slow answer of <see cref="SlowNextInsert"/> begins (the insert is stored by then).</summary>
    public TaskCompletionSource SlowAnswerStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<string> Calls { get; } = [];

    public List<JsonObject> Rows(string table)
    {
        lock (Tables)
        {
            return Tables[table].Select(r => (JsonObject)r.DeepClone()).ToList();
        }
    }

    /// <summary>Decides a change request's approval (and, for a cancelled one, its state), as an approver would.</summary>
    public void Decide(string sysId, string approval, string? state = null)
    {
        lock (Tables)
        {
            var row = Tables["change_request"].Single(r => (string?)r["sys_id"] == sysId);
            row["approval"] = approval;
            if (state is not null)
            {
                row["state"] = state;
            }
        }
    }

    /// <summary>Forgets every issued token, as a revoked OAuth client would.</summary>
    public void RevokeTokens()
    {
        lock (Tables)
        {
            ValidTokens.Clear();
        }
    }

    public Func<ReceivedRequest, HttpContext, Task> Respond => async (request, context) =>
    {
        lock (Tables)
        {
            Calls.Add($"{request.Method} {request.PathAndQuery}");
        }

        var (status, body, delay) = Answer(request, context.Response);
        if (delay is { } wait)
        {
            SlowAnswerStarted.TrySetResult();
            await Task.Delay(wait);
        }

        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = "application/json;charset=UTF-8";
            await context.Response.WriteAsync(body.ToJsonString());
        }
    };

    private (int Status, JsonNode? Body, TimeSpan? Delay) Answer(ReceivedRequest request, HttpResponse response)
    {
        if (Failure is { } failure)
        {
            if (failure.RetryAfter is not null)
            {
                response.Headers.RetryAfter = failure.RetryAfter;
                response.Headers["X-RateLimit-Limit"] = "100";
                response.Headers["X-RateLimit-Reset"] = "1893456000";
                response.Headers["X-RateLimit-Rule"] = "b4ad8a1d1b6a1010b3c7a9f1f54bcb7a";
            }

            return (failure.Status, Error(failure.Status == 429 ? "Rate limit exceeded" : "Service unavailable", null), null);
        }

        var path = request.PathAndQuery.Split('?')[0];
        var query = QueryOf(request.PathAndQuery);
        if (path == "/oauth_token.do" && request.Method == "POST")
        {
            return Token(request);
        }

        if (!Authenticated(request))
        {
            return (401, Error("User Not Authenticated", "Required to provide Auth information"), null);
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 4 or > 5 || parts[0] != "api" || parts[1] != "now" || parts[2] != "table")
        {
            return (400, Error("Requested URI does not represent any resource", null), null);
        }

        var table = parts[3];
        var sysId = parts.Length == 5 ? parts[4] : null;
        lock (Tables)
        {
            if (!Tables.TryGetValue(table, out var rows))
            {
                return (400, Error($"Invalid table {table}", null), null);
            }

            if (Denied.Contains(table))
            {
                return request.Method == "GET"
                    ? (403, Error("User Not Authorized", $"Read ACL on {table} denies access"), null)
                    : (403, Error("Operation Failed", "ACL Exception Insert Failed due to security constraints"), null);
            }

            switch (request.Method, sysId)
            {
                case ("GET", null):
                    var limit = query.TryGetValue("sysparm_limit", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 10000;
                    var matches = rows.Where(r => Matches(r, query.GetValueOrDefault("sysparm_query"))).Take(limit).Select(r => Project(r, query)).ToArray();
                    return (200, new JsonObject { ["result"] = new JsonArray(matches) }, null);
                case ("GET", _):
                    var row = rows.SingleOrDefault(r => (string?)r["sys_id"] == sysId);
                    return row is null ? NoRecord() : (200, new JsonObject { ["result"] = Project(row, query) }, null);
                case ("POST", null):
                    var created = (JsonObject)JsonNode.Parse(request.Body)!;
                    created["sys_id"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
                    created["number"] = (table == "incident" ? "INC" : "CHG") + (++_sequence + 10000).ToString("D7", CultureInfo.InvariantCulture);
                    created["state"] ??= table == "incident" ? "1" : "-5";
                    if (table == "change_request")
                    {
                        created["approval"] ??= "not requested";
                    }

                    rows.Add(created);
                    var slow = SlowNextInsert;
                    SlowNextInsert = null;
                    return (201, new JsonObject { ["result"] = Project(created, query) }, slow);
                case ("PATCH" or "PUT", not null):
                    var existing = rows.SingleOrDefault(r => (string?)r["sys_id"] == sysId);
                    if (existing is null)
                    {
                        return NoRecord();
                    }

                    foreach (var (name, value) in JsonNode.Parse(request.Body)!.AsObject())
                    {
                        existing[name] = value?.DeepClone();
                    }

                    existing["sys_mod_count"] = (existing["sys_mod_count"]?.GetValue<int>() ?? 0) + 1;
                    if (table == "change_request" && (string?)existing["state"] is "-4" or "-3" && (string?)existing["approval"] == "not requested")
                    {
                        existing["approval"] = "requested";
                    }

                    return (200, new JsonObject { ["result"] = Project(existing, query) }, null);
                default:
                    return (405, Error("Method not Supported", null), null);
            }
        }
    }

    private (int, JsonNode?, TimeSpan?) Token(ReceivedRequest request)
    {
        var form = QueryOf("?" + request.BodyText);
        if (form.GetValueOrDefault("grant_type") != "client_credentials" || form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            return (401, new JsonObject { ["error_description"] = "access_denied", ["error"] = "server_error" }, null);
        }

        lock (Tables)
        {
            var token = $"sn-token-{++TokensIssued}";
            ValidTokens.Add(token);
            return (200, new JsonObject { ["access_token"] = token, ["scope"] = "useraccount", ["token_type"] = "Bearer", ["expires_in"] = 1799 }, null);
        }
    }

    private bool Authenticated(ReceivedRequest request)
    {
        var authorization = request.Header("Authorization") ?? string.Empty;
        if (authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")))
        {
            return true;
        }

        lock (Tables)
        {
            return authorization.StartsWith("Bearer ", StringComparison.Ordinal) && ValidTokens.Contains(authorization["Bearer ".Length..]);
        }
    }

    private static bool Matches(JsonObject row, string? query) =>
        string.IsNullOrEmpty(query) || query.Split('^').All(term =>
        {
            var at = term.IndexOf('=', StringComparison.Ordinal);
            return at > 0 && (string?)row[term[..at]] == term[(at + 1)..];
        });

    private static JsonObject Project(JsonObject row, Dictionary<string, string> query)
    {
        if (!query.TryGetValue("sysparm_fields", out var fields))
        {
            return (JsonObject)row.DeepClone();
        }

        var projected = new JsonObject();
        foreach (var field in fields.Split(','))
        {
            projected[field] = row[field]?.DeepClone() ?? string.Empty;
        }

        return projected;
    }

    private static Dictionary<string, string> QueryOf(string pathAndQuery)
    {
        var at = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (at < 0)
        {
            return result;
        }

        foreach (var pair in pathAndQuery[(at + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            result[name] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }

        return result;
    }

    private static (int, JsonNode?, TimeSpan?) NoRecord() =>
        (404, Error("No Record found", "Record doesn't exist or ACL restricts the record retrieval"), null);

    private static JsonObject Error(string message, string? detail) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["detail"] = detail }, ["status"] = "failure" };
}
