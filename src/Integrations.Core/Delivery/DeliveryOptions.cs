namespace Integrations.Delivery;

/// <summary>How deliveries are retried, claimed, disabled and kept.</summary>
public sealed class DeliveryOptions
{
    /// <summary>The waits before each retry (Svix's schedule): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. A delivery gets one
    /// more attempt than there are entries, then it is dead (it can still be resent).</summary>
    public IList<TimeSpan> RetrySchedule { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>How much each wait is varied at random, so retries of many deliveries spread out.</summary>
    /// <value>0.2 (±20 %) by default; between 0 and 0.5.</value>
    public double Jitter { get; set; } = 0.2;

    /// <summary>The longest <c>Retry-After</c> honoured; longer requests wait this long.</summary>
    /// <value>1 day by default.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Whether this process runs the delivery worker. Turn it off in processes that only enqueue.</summary>
    /// <value>True by default.</value>
    public bool RunWorker { get; set; } = true;

    /// <summary>How many deliveries one worker runs at once.</summary>
    /// <value>16 by default; between 1 and 512.</value>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>How many due deliveries one claim takes.</summary>
    /// <value>64 by default; between 1 and 10,000.</value>
    public int BatchSize { get; set; } = 64;

    /// <summary>How long an idle worker waits before looking for due work again (new work in this process wakes it at once).</summary>
    /// <value>1 second by default.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim holds a delivery. A worker that dies loses its claims when this runs out, and another
    /// worker takes them over. Must exceed the longest attempt timeout.</summary>
    /// <value>2 minutes by default.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long delivered and dead deliveries, and the attempt log, are kept.</summary>
    /// <value>14 days by default.</value>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Consecutive failures tolerated before an integration is disabled for a while (GitLab: 3).</summary>
    public int FailuresBeforeTemporaryDisable { get; set; } = 3;

    /// <summary>Consecutive failures after which an integration is disabled until a successful test or an edit (GitLab: 40).</summary>
    public int FailuresBeforePermanentDisable { get; set; } = 40;

    /// <summary>The first temporary disable; it doubles with every further failure (GitLab: 1 minute).</summary>
    public TimeSpan DisableBackoffBase { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest temporary disable (GitLab: 1 day).</summary>
    public TimeSpan DisableBackoffMax { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The most response-body bytes kept in the attempt log.</summary>
    /// <value>8 KiB by default.</value>
    public int LoggedResponseBodyBytes { get; set; } = 8 * 1024;

    /// <summary>The most request-body bytes kept in the attempt log.</summary>
    /// <value>64 KiB by default.</value>
    public int LoggedRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The most response headers kept in the attempt log.</summary>
    /// <value>50 by default.</value>
    public int LoggedResponseHeaders { get; set; } = 50;
}
