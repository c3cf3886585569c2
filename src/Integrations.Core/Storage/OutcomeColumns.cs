using Integrations.Delivery;

namespace Integrations.Storage;

/// <summary>The values an outcome writes to its delivery row, the same for every storage.</summary>
internal static class OutcomeColumns
{
    /// <summary>The longest error text stored.</summary>
    public const int MaxErrorLength = 2000;

    /// <summary>
    /// The delivery id and lease token that guard the update, then the new status, attempts, next attempt, completion
    /// time (for succeeded and dead deliveries), last status code and error.
    /// </summary>
    public static (Guid Id, string Token, DeliveryStatus Status, int Attempts, long NextAttemptAt, long? CompletedAt, int? StatusCode, string? Error)
        Of(DeliveryOutcome o, long nowMs) =>
        (o.Delivery.Id, o.LeaseToken, o.Status, o.Attempts, o.NextAttemptAt ?? o.Delivery.NextAttemptAt,
         o.Status is DeliveryStatus.Succeeded or DeliveryStatus.Dead ? nowMs : null,
         o.StatusCode ?? o.Delivery.LastStatusCode,
         o.Error is { Length: > MaxErrorLength } e ? e[..MaxErrorLength] : o.Error);
}
