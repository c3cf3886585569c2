namespace Integrations.Http;

/// <summary>One HTTP request and its response as seen during an attempt (before redaction).</summary>
internal sealed record HttpExchange(
    string Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders,
    byte[] RequestBody,
    int? ResponseStatus,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders,
    byte[] ResponseBody,
    string? Error);
