using Integrations.Storage;

namespace Integrations.Health;

/// <summary>
/// GitLab's auto-disable rule, applied to one health row: the first
/// <see cref="DeliveryOptions.FailuresBeforeTemporaryDisable"/> consecutive failures are grace; from the next, the
/// integration is disabled for base × 2^(failures − grace), capped; after
/// <see cref="DeliveryOptions.FailuresBeforePermanentDisable"/> failures, or an HTTP 410 Gone, until a successful test or
/// an edit.
/// </summary>
/// <remarks>
/// Outcomes reach the row in commit order, which with several workers is not the order in which the attempts finished.
/// The rule is applied in finish order all the same: a failure that finished before the last success is not part of the
/// current run; a success that finished before the current run began changes nothing. Failures that finish while the
/// integration is held back (disabled, or asked by the receiver to wait) are not counted: GitLab counts only failures of
/// an executable hook. A 429 (or a 503 with <c>Retry-After</c>) holds the whole integration back and is never counted.
/// </remarks>
internal static class AutoDisablePolicy
{
    /// <summary>The longest error text kept.</summary>
    public const int MaxErrorLength = 2000;

    /// <summary>Applies one observation to the row.</summary>
    public static void Apply(IntegrationHealthRecord health, HealthObservation observation, DeliveryOptions options)
    {
        var at = observation.FinishedAt;
        switch (observation.Effect)
        {
            case HealthEffect.Success:
                ApplySuccess(health, at);
                break;
            case HealthEffect.Throttled:
                health.HeldUntil = Later(health.HeldUntil, observation.HoldUntil);
                break;
            case HealthEffect.Failure:
            case HealthEffect.Gone:
                ApplyFailure(health, at, observation.Effect == HealthEffect.Gone, observation.Error ?? "Delivery failed.", options);
                break;
            case HealthEffect.Reset:
                health.RecentFailures = 0;
                health.FailingSince = null;
                health.DisabledUntil = null;
                health.PermanentlyDisabled = false;
                health.HeldUntil = null;
                health.LastError = null;
                if (observation.CountsAsSuccess)
                {
                    health.LastSuccessAt = Later(health.LastSuccessAt, at);
                }

                break;
            case HealthEffect.None:
            default:
                break;
        }
    }

    private static void ApplySuccess(IntegrationHealthRecord health, long at)
    {
        health.LastSuccessAt = Later(health.LastSuccessAt, at);
        if (health.FailingSince is { } since && since > at)
        {
            return; // The whole current run of failures finished after this success.
        }

        if (health.LastFailureAt is { } last && last > at)
        {
            // The success splits the current run: at least the last failure came after it. Count only that one, so a
            // late success can only lower the count, never leave it too high.
            health.RecentFailures = 1;
            health.FailingSince = last;
            health.DisabledUntil = null;
            return;
        }

        health.RecentFailures = 0;
        health.FailingSince = null;
        health.DisabledUntil = null;
        health.PermanentlyDisabled = false;
        health.LastError = null;
    }

    private static void ApplyFailure(IntegrationHealthRecord health, long at, bool gone, string error, DeliveryOptions options)
    {
        if (health.LastSuccessAt is { } success && success >= at)
        {
            return; // A success that finished later already ended this run.
        }

        var heldBack = health.PermanentlyDisabled || health.DisabledUntil > at || health.HeldUntil > at;
        if (heldBack && !gone)
        {
            return; // Failures of calls made while held back (in flight when the hold began) are not counted.
        }

        health.RecentFailures++;
        health.FailingSince ??= at;
        health.LastFailureAt = Later(health.LastFailureAt, at);
        health.LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
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
            health.DisabledUntil = at + (long)capped;
        }
    }

    private static long? Later(long? current, long? candidate) =>
        current is { } c && (candidate is null || c >= candidate) ? c : candidate;
}
