namespace Integrations.Health;

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
