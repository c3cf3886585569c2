using Integrations.Health;
using Integrations.Storage;

namespace Integrations.Worker;

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
            Status is DeliveryStatus.Succeeded or DeliveryStatus.Dead or DeliveryStatus.Skipped ? nowMs : null,
            StatusCode ?? Delivery.LastStatusCode,
            Error is { Length: > OutcomeRow.MaxErrorLength } e ? e[..OutcomeRow.MaxErrorLength] : Error);
}
