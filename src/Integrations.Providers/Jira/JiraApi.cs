using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Providers.Jira;

/// <summary>One Jira REST answer: the status, the JSON body, and the result it means for a delivery.</summary>
internal sealed record JiraAnswer(int Status, JsonNode? Body, IntegrationResult Result)
{
    public bool Ok => Result.Succeeded;
}

/// <summary>Calls Jira's REST API (v2 on Data Center, v3 on Cloud) with the integration's credentials, through the guarded client.</summary>
internal sealed class JiraApi(HttpClient http, Uri baseUrl, AuthenticationHeaderValue authorization, int version, DateTimeOffset now)
{
    public int Version { get; } = version;

    public Task<JiraAnswer> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JiraAnswer> PostAsync(string path, JsonNode body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>A path under <c>rest/api/{version}/</c>.</summary>
    public string Rest(string path) => $"rest/api/{Version}/{path}";

    private async Task<JiraAnswer> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        request.Headers.Authorization = authorization;
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? json = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                json = null;
            }
        }

        var result = IntegrationResult.FromHttpResponse(response, now);
        return new JiraAnswer((int)response.StatusCode, json, result.Succeeded ? result : result.WithMessage(Explain((int)response.StatusCode, json, path, result)));
    }

    /// <summary>Jira's <c>{"errorMessages": [...], "errors": {...}}</c> and statuses as messages that say what to do.</summary>
    public static string Explain(int status, JsonNode? body, string path, IntegrationResult result)
    {
        var reasons = string.Join("; ", (body?["errorMessages"]?.AsArray() ?? []).Select(m => m?.GetValue<string>())
            .Concat((body?["errors"] as JsonObject ?? []).Select(e => $"{e.Key}: {e.Value}")).Where(m => !string.IsNullOrEmpty(m)));
        var why = reasons.Length > 0 ? $" Jira says: {reasons}" : string.Empty;
        return status switch
        {
            401 => "Jira refused the credentials (401): the API token or password is wrong, or the token expired (Jira Cloud API tokens expire within a year). Enter a new one." + why,
            403 => "Jira refused access (403): the account lacks the permission (Browse projects, Add comments, Link issues, Transition issues) or the site blocks API access." + why,
            404 => $"Jira found nothing at {path} (404): check the Web URL and API URL, or the issue does not exist or is hidden from this account." + why,
            429 => "Jira is rate limiting this account (429); the delivery waits for Retry-After and is retried." + why,
            503 when result.RetryAfter is not null => "Jira is rate limiting this account (503 with Retry-After); the delivery waits and is retried." + why,
            _ => $"Jira answered {status}." + why,
        };
    }
}
