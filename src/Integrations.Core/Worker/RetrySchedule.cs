namespace Integrations.Worker;

/// <summary>When a failed delivery is tried again.</summary>
internal static class RetrySchedule
{
    /// <summary>
    /// The wait after attempt number <paramref name="attemptsMade"/> failed, or null when no attempt is left. A
    /// <c>Retry-After</c> from the receiver replaces the scheduled wait (bounded by <see cref="DeliveryOptions.MaxRetryAfter"/>).
    /// </summary>
    /// <param name="options">The schedule.</param>
    /// <param name="attemptsMade">Attempts made so far, including the one that just failed (1 or more).</param>
    /// <param name="retryAfter">The receiver's <c>Retry-After</c>, if it sent one.</param>
    /// <param name="random">A number in [0, 1) for the jitter.</param>
    public static TimeSpan? NextDelay(DeliveryOptions options, int attemptsMade, TimeSpan? retryAfter, double random)
    {
        if (attemptsMade < 1 || attemptsMade > options.RetrySchedule.Count)
        {
            return null;
        }

        if (retryAfter is { } asked)
        {
            return Clamp(options, asked);
        }

        var scheduled = options.RetrySchedule[attemptsMade - 1];
        var factor = 1 + (options.Jitter * ((random * 2) - 1));
        return TimeSpan.FromTicks((long)(scheduled.Ticks * factor));
    }

    /// <summary>A receiver's <c>Retry-After</c> within [0, <see cref="DeliveryOptions.MaxRetryAfter"/>].</summary>
    public static TimeSpan Clamp(DeliveryOptions options, TimeSpan retryAfter) =>
        retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter > options.MaxRetryAfter ? options.MaxRetryAfter : retryAfter;
}
