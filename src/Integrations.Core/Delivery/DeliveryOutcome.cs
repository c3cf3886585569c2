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
    HealthUpdate Health);

/// <summary>What an outcome does to the integration's health.</summary>
internal enum HealthEffect
{
    None,
    Success,
    Failure,
}

/// <summary>The health part of an outcome.</summary>
internal sealed record HealthUpdate(HealthEffect Effect, IntegrationHealthRecord? Before = null, bool Gone = false)
{
    public static HealthUpdate None { get; } = new(HealthEffect.None);
}

/// <summary>Whether the outcome was stored (false when the lease was lost) and the health change to announce.</summary>
internal readonly record struct OutcomeStored(bool Recorded, IntegrationHealthChange? Change);
