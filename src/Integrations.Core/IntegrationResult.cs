namespace Integrations;

/// <summary>The outcome of running an integration once.</summary>
public sealed record IntegrationResult
{
    private IntegrationResult(bool succeeded, string? message, bool isTransient, TimeSpan? retryAfter)
    {
        Succeeded = succeeded;
        Message = message;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>Whether the outside system accepted the event.</summary>
    public bool Succeeded { get; }

    /// <summary>A human-readable summary (never a secret).</summary>
    public string? Message { get; }

    /// <summary>Whether a failure may succeed if tried again later (timeouts, 5xx, 429).</summary>
    public bool IsTransient { get; }

    /// <summary>How long the outside system asked us to wait before trying again, if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>A success.</summary>
    /// <param name="message">An optional summary.</param>
    public static IntegrationResult Success(string? message = null) => new(true, message, false, null);

    /// <summary>A failure that will not succeed by retrying (bad credentials, 4xx).</summary>
    /// <param name="message">What went wrong, without secrets.</param>
    public static IntegrationResult Failure(string message) => new(false, message, false, null);

    /// <summary>A failure worth retrying later.</summary>
    /// <param name="message">What went wrong, without secrets.</param>
    /// <param name="retryAfter">The delay the outside system asked for, if any.</param>
    public static IntegrationResult TransientFailure(string message, TimeSpan? retryAfter = null) => new(false, message, true, retryAfter);
}
