namespace Integrations;

/// <summary>How deliveries are retried, claimed, disabled and kept.</summary>
public sealed class DeliveryOptions
{
    /// <summary>The waits before each retry (Svix's schedule): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. A delivery gets one
    /// more attempt than there are entries, then it is dead (it can still be resent).</summary>
    /// <value>At most 100 waits, each more than 0 and at most 7 days.</value>
    public IList<TimeSpan> RetrySchedule { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>How much each wait is varied at random, so retries of many deliveries spread out.</summary>
    /// <value>0.2 (±20 %) by default; between 0 and 0.5.</value>
    public double Jitter { get; set; } = 0.2;

    /// <summary>The longest <c>Retry-After</c> honoured; longer requests wait this long.</summary>
    /// <value>1 day by default; between 1 second and 7 days.</value>
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
    /// <value>1 second by default; between 10 ms and 5 minutes.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim holds a delivery. A worker that dies loses its claims when this runs out, and another
    /// worker takes them over. Must exceed the longest attempt timeout.</summary>
    /// <value>2 minutes by default; between 1 second and 1 hour, and longer than <see cref="Http.OutboundNetworkOptions.MaxTimeout"/>.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long delivered and dead deliveries, and the attempt log, are kept.</summary>
    /// <value>14 days by default; between 1 hour and 3650 days.</value>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Consecutive failures tolerated before an integration is disabled for a while (GitLab: 3). Failures while
    /// it is held back, and 429s, are not counted.</summary>
    /// <value>3 by default; between 1 and 1,000.</value>
    public int FailuresBeforeTemporaryDisable { get; set; } = 3;

    /// <summary>Consecutive failures after which an integration is disabled until a successful test or an edit (GitLab: 40).</summary>
    /// <value>40 by default; between 1 and 10,000, and more than <see cref="FailuresBeforeTemporaryDisable"/>.</value>
    public int FailuresBeforePermanentDisable { get; set; } = 40;

    /// <summary>The first temporary disable is twice this; it doubles with every further failure (GitLab: 1 minute, so the
    /// fourth consecutive failure disables for 2 minutes, the fifth for 4). A local demo can set it to a few seconds.</summary>
    /// <value>1 minute by default; between 1 second and 1 day.</value>
    public TimeSpan DisableBackoffBase { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest temporary disable (GitLab: 1 day).</summary>
    /// <value>1 day by default; between 1 second and 30 days, and at least <see cref="DisableBackoffBase"/>.</value>
    public TimeSpan DisableBackoffMax { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The most response-body bytes kept in the attempt log.</summary>
    /// <value>8 KiB by default; between 0 and 1 MiB.</value>
    public int LoggedResponseBodyBytes { get; set; } = 8 * 1024;

    /// <summary>The most request-body bytes kept in the attempt log.</summary>
    /// <value>64 KiB by default; between 0 and 16 MiB.</value>
    public int LoggedRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The most response headers kept in the attempt log.</summary>
    /// <value>50 by default; between 0 and 1,000.</value>
    public int LoggedResponseHeaders { get; set; } = 50;
}
