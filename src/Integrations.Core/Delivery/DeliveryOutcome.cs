using Integrations.Storage;

namespace Integrations.Delivery;

/// <summary>The result of one attempt, to be stored if the worker still holds the delivery's lease.</summary>
internal sealed record DeliveryOutcome(
    DeliveryRecord Delivery,
    string LeaseToken,
    DeliveryStatus Status,
    int Attempts,
    long? NextAttemptAt,
    int? StatusCode,
    string? Error,
    DeliveryAttemptRecord? Attempt,
    HealthObservation Health)
{
    /// <summary>The row the storage writes for this outcome at <paramref name="nowMs"/>.</summary>
    public OutcomeRow ToRow(long nowMs) =>
        new(Delivery.Id, LeaseToken, Status, Attempts, NextAttemptAt ?? Delivery.NextAttemptAt,
            Status is DeliveryStatus.Succeeded or DeliveryStatus.Dead ? nowMs : null,
            StatusCode ?? Delivery.LastStatusCode,
            Error is { Length: > OutcomeRow.MaxErrorLength } e ? e[..OutcomeRow.MaxErrorLength] : Error);
}

/// <summary>What an outcome does to the integration's health.</summary>
internal enum HealthEffect
{
    /// <summary>Nothing (the delivery was held, given back or dead without an attempt).</summary>
    None,

    /// <summary>The receiver accepted it: the run of failures ends.</summary>
    Success,

    /// <summary>A failure that counts toward disabling.</summary>
    Failure,

    /// <summary>HTTP 410 Gone: disabled at once.</summary>
    Gone,

    /// <summary>The receiver asked for time (429, or 503 with <c>Retry-After</c>): held back, not counted.</summary>
    Throttled,

    /// <summary>An edit or a successful test of the saved settings: everything is cleared.</summary>
    Reset,
}

/// <summary>One fact about an integration's health, with when it happened (the attempt's end, Unix ms).</summary>
/// <param name="Effect">What happened.</param>
/// <param name="FinishedAt">When the attempt finished.</param>
/// <param name="Error">The failure's text (redacted).</param>
/// <param name="HoldUntil">For <see cref="HealthEffect.Throttled"/>: until when to hold back.</param>
/// <param name="CountsAsSuccess">For <see cref="HealthEffect.Reset"/>: whether a success (a test) caused it.</param>
internal sealed record HealthObservation(HealthEffect Effect, long FinishedAt, string? Error = null, long? HoldUntil = null, bool CountsAsSuccess = false)
{
    public static HealthObservation None { get; } = new(HealthEffect.None, 0);
}

/// <summary>Whether the outcome was stored (false when the lease was lost) and the health change to announce.</summary>
internal readonly record struct OutcomeStored(bool Recorded, IntegrationHealthChange? Change);

/// <summary>Whether a health update wrote the row, and the status change to announce after commit, if any.</summary>
internal readonly record struct HealthWrite(bool Written, IntegrationHealthChange? Change)
{
    public static HealthWrite Unchanged => default;
}
