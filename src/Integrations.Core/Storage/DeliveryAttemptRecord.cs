namespace Integrations.Storage;

/// <summary>One row of <c>integration_delivery_attempts</c>: the log of one attempt, with secrets redacted.</summary>
internal sealed class DeliveryAttemptRecord
{
    /// <summary>The attempt id.</summary>
    public Guid Id { get; set; }

    /// <summary>The delivery.</summary>
    public Guid DeliveryId { get; set; }

    /// <summary>The integration.</summary>
    public Guid IntegrationId { get; set; }

    /// <summary>The event name.</summary>
    public string EventKind { get; set; } = string.Empty;

    /// <summary>1 for the first attempt.</summary>
    public int AttemptNumber { get; set; }

    /// <summary>When the attempt started (Unix ms).</summary>
    public long StartedAt { get; set; }

    /// <summary>How long it took.</summary>
    public int DurationMs { get; set; }

    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded { get; set; }

    /// <summary>The request method, if a request was made.</summary>
    public string? RequestMethod { get; set; }

    /// <summary>The request URL with secret parts masked.</summary>
    public string? RequestUrl { get; set; }

    /// <summary>The request headers as a JSON object, secrets redacted.</summary>
    public string? RequestHeaders { get; set; }

    /// <summary>The request body (truncated), secrets masked.</summary>
    public string? RequestBody { get; set; }

    /// <summary>
    /// Whether the request body was the event's payload, unchanged by redaction: it is then not stored again here
    /// (<see cref="RequestBody"/> is null) and the log reads it from the payload row.
    /// </summary>
    public bool RequestBodyIsPayload { get; set; }

    /// <summary>The response status code.</summary>
    public int? ResponseStatus { get; set; }

    /// <summary>The response headers as a JSON object (at most 50).</summary>
    public string? ResponseHeaders { get; set; }

    /// <summary>The first 8 KB of the response body.</summary>
    public string? ResponseBody { get; set; }

    /// <summary>The error, if any.</summary>
    public string? Error { get; set; }
}
