using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Providers.ServiceNow;

/// <summary>One Table API answer: the status, the JSON body, and the result it means for a delivery.</summary>
internal sealed record ServiceNowAnswer(int Status, JsonNode? Body, IntegrationResult Result)
{
    public bool Ok => Result.Succeeded;

    /// <summary>The <c>result</c> of the envelope: a record, or an array of records.</summary>
    public JsonNode? Record => Body?["result"];
}

/// <summary>
/// Calls ServiceNow's Table API with the integration's credentials, through the guarded client: Basic, or an OAuth
/// token from <see cref="ServiceNowTokenCache"/> fetched again once when ServiceNow answers 401 with it.
/// </summary>
internal sealed class ServiceNowApi(HttpClient http, ServiceNowIntegration settings, ServiceNowTokenCache tokens, DateTimeOffset now)
{
    /// <summary>The instance's base URL, ending in a slash.</summary>
    public Uri Instance { get; } = BaseOf(settings);

    /// <summary>A table's path, or one row's.</summary>
    public static string Table(string table, string? sysId = null) =>
        sysId is null ? $"api/now/table/{table}" : $"api/now/table/{table}/{Uri.EscapeDataString(sysId)}";

    /// <summary>The path that finds a table's record by its <c>correlation_id</c>, reading <paramref name="fields"/>.</summary>
    public static string ByCorrelation(string table, string correlationId, string fields) =>
        $"{Table(table)}?sysparm_query={Uri.EscapeDataString("correlation_id=" + correlationId)}&sysparm_fields={fields}&sysparm_limit=1";

    /// <summary>The record's page on the instance.</summary>
    public Uri RecordUrl(string table, string sysId) => RecordUrl(Instance, table, sysId);

    /// <summary>A record's page on an instance.</summary>
    public static Uri RecordUrl(ServiceNowIntegration settings, string table, string sysId) => RecordUrl(BaseOf(settings), table, sysId);

    private static Uri RecordUrl(Uri instance, string table, string sysId) => new(instance, $"{table}.do?sys_id={Uri.EscapeDataString(sysId)}");

    private static Uri BaseOf(ServiceNowIntegration settings) => new((settings.InstanceUrl ?? string.Empty).TrimEnd('/') + "/");

    public Task<ServiceNowAnswer> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<ServiceNowAnswer> PostAsync(string path, JsonObject body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<ServiceNowAnswer> PatchAsync(string path, JsonObject body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Patch, path, body, cancellationToken);

    private async Task<ServiceNowAnswer> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        var answer = await SendOnceAsync(method, path, body, refreshed: false, cancellationToken).ConfigureAwait(false);
        if (answer.Status == 401 && settings.Authentication == ServiceNowAuthentication.ClientCredentials)
        {
            // The token may have been revoked or expired early: fetch a new one, once.
            tokens.Forget(Instance, settings.ClientId ?? string.Empty, settings.ClientSecret ?? string.Empty);
            answer = await SendOnceAsync(method, path, body, refreshed: true, cancellationToken).ConfigureAwait(false);
        }

        return answer;
    }

    private async Task<ServiceNowAnswer> SendOnceAsync(HttpMethod method, string path, JsonObject? body, bool refreshed, CancellationToken cancellationToken)
    {
        AuthenticationHeaderValue authorization;
        if (settings.Authentication == ServiceNowAuthentication.ClientCredentials)
        {
            var (token, failure) = await tokens.GetAsync(http, Instance, settings.ClientId ?? string.Empty, settings.ClientSecret ?? string.Empty, now, cancellationToken)
                .ConfigureAwait(false);
            if (token is null)
            {
                return new ServiceNowAnswer(failure!.StatusCode ?? 0, null, failure);
            }

            authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else
        {
            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}")));
        }

        using var request = new HttpRequestMessage(method, new Uri(Instance, path));
        request.Headers.Authorization = authorization;
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var json = ParseJson(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var status = (int)response.StatusCode;
        var result = IntegrationResult.FromHttpResponse(response, now);
        return new ServiceNowAnswer(status, json, result.Succeeded ? result : result.WithMessage(Explain(status, json, path, refreshed, result)));
    }

    /// <summary>The JSON of a body, or null when it is empty or not JSON (an HTML error page).</summary>
    public static JsonNode? ParseJson(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>ServiceNow's <c>{"error":{"message","detail"},"status":"failure"}</c> and statuses as messages that say what to do.</summary>
    public static string Explain(int status, JsonNode? body, string path, bool refreshed, IntegrationResult result)
    {
        var message = Text(body?["error"]?["message"]);
        var detail = Text(body?["error"]?["detail"]);
        var says = string.Join(": ", new[] { message, detail }.Where(t => !string.IsNullOrWhiteSpace(t)));
        var why = says.Length > 0 ? $" ServiceNow says: {says}" : string.Empty;
        var table = path.StartsWith("api/now/table/", StringComparison.Ordinal) ? path["api/now/table/".Length..].Split('/', '?')[0] : path;
        return status switch
        {
            401 => "ServiceNow refused the credentials (401): the user name and password are wrong, the user is locked out or lacks web service access"
                + (refreshed ? ", or the OAuth token was refused even when fetched anew" : string.Empty) + "." + why,
            403 => $"ServiceNow refused access to {table} (403): the account lacks a role (such as itil) or an ACL denies it." + why,
            400 when message?.StartsWith("Invalid table", StringComparison.OrdinalIgnoreCase) == true =>
                $"The table {table} does not exist on this instance (400): is its plugin active?" + why,
            404 when path.StartsWith("api/now/table/", StringComparison.Ordinal) && path.Count(c => c == '/') > 3 =>
                $"The {table} record does not exist or an ACL hides it (404)." + why,
            404 => $"ServiceNow found nothing at {path} (404): check the instance URL." + why,
            429 => "ServiceNow's rate limit rules refused the request (429); the delivery waits for Retry-After and is retried." + why,
            _ when result.IsTransient => $"ServiceNow answered {status}; the delivery is retried." + why,
            _ => $"ServiceNow answered {status}." + why,
        };
    }

    /// <summary>A JSON string's text; null for anything else.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
