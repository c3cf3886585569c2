namespace Integrations.Storage;

/// <summary>
/// What an outcome writes to its delivery row: the delivery id and lease token that guard the update, then the new
/// status, attempts, next attempt, completion time (for succeeded and dead deliveries), last status code and error.
/// </summary>
internal readonly record struct OutcomeRow(
    Guid Id, string Token, DeliveryStatus Status, int Attempts, long NextAttemptAt, long? CompletedAt, int? StatusCode, string? Error)
{
    /// <summary>The longest error text stored.</summary>
    public const int MaxErrorLength = 2000;
}
