namespace Integrations.Delivery;

/// <summary>
/// GitLab's auto-disable rule: the first <see cref="DeliveryOptions.FailuresBeforeTemporaryDisable"/> consecutive failures are
/// grace; from the next, the integration is disabled for base × 2^(failures − grace), capped; after
/// <see cref="DeliveryOptions.FailuresBeforePermanentDisable"/> failures, or an HTTP 410 Gone, until a successful test or an edit.
/// </summary>
internal static class AutoDisablePolicy
{
    public static void RecordFailure(IntegrationHealthRecord health, DeliveryOptions options, long nowMs, bool gone, string error)
    {
        health.RecentFailures++;
        health.LastFailureAt = nowMs;
        health.LastError = error.Length > 2000 ? error[..2000] : error;
        ApplyThresholds(health, options, nowMs, gone);
    }

    /// <summary>Sets the disable fields from the failure count already recorded.</summary>
    public static void ApplyThresholds(IntegrationHealthRecord health, DeliveryOptions options, long nowMs, bool gone)
    {
        if (gone || health.RecentFailures >= options.FailuresBeforePermanentDisable)
        {
            health.PermanentlyDisabled = true;
            health.DisabledUntil = null;
            return;
        }

        var beyondGrace = health.RecentFailures - options.FailuresBeforeTemporaryDisable;
        if (beyondGrace > 0)
        {
            var backoff = options.DisableBackoffBase.TotalMilliseconds * Math.Pow(2, beyondGrace);
            var capped = Math.Min(Math.Max(backoff, options.DisableBackoffBase.TotalMilliseconds), options.DisableBackoffMax.TotalMilliseconds);
            health.DisabledUntil = nowMs + (long)capped;
        }
    }

    public static void RecordSuccess(IntegrationHealthRecord health, long nowMs)
    {
        health.RecentFailures = 0;
        health.DisabledUntil = null;
        health.PermanentlyDisabled = false;
        health.LastSuccessAt = nowMs;
        health.LastError = null;
    }
}
