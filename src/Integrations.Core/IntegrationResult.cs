using System.Net;

namespace Integrations;

/// <summary>The outcome of running an integration once.</summary>
public sealed record IntegrationResult
{
    private readonly bool _throttled;

    private IntegrationResult(bool succeeded, string? message, bool isTransient, TimeSpan? retryAfter, int? statusCode, bool isGone, bool throttled = false, bool skipped = false)
    {
        _throttled = throttled;
        IsSkipped = skipped;
        Succeeded = succeeded;
        Message = message;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
        StatusCode = statusCode;
        IsGone = isGone;
    }

    /// <summary>Whether the outside system accepted the event.</summary>
    public bool Succeeded { get; }

    /// <summary>A human-readable summary (never a secret).</summary>
    public string? Message { get; }

    /// <summary>Whether a failure may succeed if tried again later (timeouts, 5xx, 429).</summary>
    public bool IsTransient { get; }

    /// <summary>How long the outside system asked us to wait before trying again, if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The HTTP status the outside system answered with, if the result came from an HTTP response.</summary>
    public int? StatusCode { get; }

    /// <summary>
    /// Whether the outside system asked for time rather than failed: HTTP 429, or 503 with <c>Retry-After</c>. The whole
    /// integration is held back until then, and this never counts toward disabling it.
    /// </summary>
    public bool IsThrottled => !Succeeded && (StatusCode == 429 || (StatusCode == 503 && RetryAfter is not null) || _throttled);

    /// <summary>Whether the endpoint said it is gone for good (HTTP 410): the integration is disabled at once.</summary>
    public bool IsGone { get; }

    /// <summary>
    /// Whether the integration decided not to send anything (a label or branch filter, an event it does not announce): the
    /// delivery is recorded as <see cref="DeliveryStatus.Skipped"/> with the reason, is not retried, and counts neither
    /// as a success nor as a failure for the integration's health. <see cref="Succeeded"/> is false.
    /// </summary>
    public bool IsSkipped { get; }

    /// <summary>Nothing was sent, on purpose: see <see cref="IsSkipped"/>.</summary>
    /// <param name="reason">Why, for the delivery log (for example "the merge request has none of the labels to notify").</param>
    public static IntegrationResult Skipped(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, reason, false, null, null, false, skipped: true);
    }

    /// <summary>A success.</summary>
    /// <param name="message">An optional summary.</param>
    public static IntegrationResult Success(string? message = null) => new(true, message, false, null, null, false);

    /// <summary>A failure that will not succeed by retrying (bad credentials, 4xx).</summary>
    /// <param name="message">What went wrong, without secrets.</param>
    public static IntegrationResult Failure(string message) => new(false, message, false, null, null, false);

    /// <summary>A failure worth retrying later.</summary>
    /// <param name="message">What went wrong, without secrets.</param>
    /// <param name="retryAfter">The delay the outside system asked for, if any.</param>
    public static IntegrationResult TransientFailure(string message, TimeSpan? retryAfter = null) => new(false, message, true, retryAfter, null, false);

    /// <summary>
    /// The outside system asked for time (a rate limit, outside HTTP status codes): retried after
    /// <paramref name="retryAfter"/>, the whole integration held back until then, and not counted toward disabling it.
    /// </summary>
    /// <param name="message">What the outside system said, without secrets.</param>
    /// <param name="retryAfter">How long it asked to wait, if it said.</param>
    public static IntegrationResult Throttled(string message, TimeSpan? retryAfter = null) =>
        new(false, message, true, retryAfter, null, false, throttled: true);

    /// <summary>
    /// Classifies an HTTP response the way webhook senders agree to: 2xx succeeds; 410 Gone disables the endpoint; 429,
    /// 503, 408 and other 5xx are retried, honouring <c>Retry-After</c>; 3xx is a failure (redirects are not followed)
    /// and other 4xx are failures that are not retried.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time, for <c>Retry-After</c> given as a date.</param>
    public static IntegrationResult FromHttpResponse(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var code = (int)response.StatusCode;
        var text = $"HTTP {code} {response.ReasonPhrase}".TrimEnd();
        if (code is >= 200 and < 300)
        {
            return new(true, text, false, null, code, false);
        }

        if (response.StatusCode == HttpStatusCode.Gone)
        {
            return new(false, text + ": the receiver says this endpoint is gone; the integration is disabled until it is edited or tested successfully.", false, null, code, true);
        }

        if (code is 429 or 408 or >= 500)
        {
            return new(false, text, true, RetryAfterOf(response, now), code, false);
        }

        if (code is >= 300 and < 400)
        {
            var location = response.Headers.Location is { } l ? $" to {l.GetLeftPart(UriPartial.Path)}" : string.Empty;
            return new(false, $"{text}: redirect{location} not followed; configure the final URL.", false, null, code, false);
        }

        return new(false, text, false, null, code, false);
    }

    /// <summary>The same result with another message (a redacted one), keeping every other fact.</summary>
    /// <param name="message">The new message.</param>
    public IntegrationResult WithMessage(string? message) =>
        new(Succeeded, message, IsTransient, RetryAfter, StatusCode, IsGone, _throttled, IsSkipped);

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
