using Integrations.Storage;

namespace Integrations.DeliveryLog;

/// <summary>One logged attempt, with secrets redacted.</summary>
/// <param name="AttemptNumber">1 for the first.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Succeeded">Whether it succeeded.</param>
/// <param name="RequestMethod">The HTTP method.</param>
/// <param name="RequestUrl">The URL, secret parts masked.</param>
/// <param name="RequestHeaders">The request headers as sent, credentials redacted.</param>
/// <param name="RequestBody">The request body.</param>
/// <param name="ResponseStatus">The response status.</param>
/// <param name="ResponseHeaders">The response headers (at most <see cref="DeliveryOptions.LoggedResponseHeaders"/>).</param>
/// <param name="ResponseBody">The first 8 KB of the response body.</param>
/// <param name="Error">The error, if any.</param>
public sealed record DeliveryAttempt(
    int AttemptNumber,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    bool Succeeded,
    string? RequestMethod,
    string? RequestUrl,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string? RequestBody,
    int? ResponseStatus,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    string? ResponseBody,
    string? Error)
{
    internal static DeliveryAttempt From(DeliveryAttemptRecord a) => new(
        a.AttemptNumber, DateTimeOffset.FromUnixTimeMilliseconds(a.StartedAt), TimeSpan.FromMilliseconds(a.DurationMs), a.Succeeded,
        a.RequestMethod, a.RequestUrl, HeadersOf(a.RequestHeaders), a.RequestBody, a.ResponseStatus, HeadersOf(a.ResponseHeaders), a.ResponseBody, a.Error);

    private static IReadOnlyDictionary<string, string> HeadersOf(string? json) => string.IsNullOrEmpty(json)
        ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        : new Dictionary<string, string>(
            System.Text.Json.JsonSerializer.Deserialize(json, Serialization.IntegrationsJsonContext.Default.DictionaryStringString)!, StringComparer.OrdinalIgnoreCase);
}
