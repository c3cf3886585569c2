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
/// The rule is applied in finish order all the same: <see cref="Apply"/> counts, and a failure that finished before the
/// last success is not part of the current run; a success that finished before the current run began changes nothing.
/// The disable itself (<see cref="Disable"/>) is made only once <see cref="DisableDue"/> says so and no attempt that
/// could have finished before the run's last failure is still uncommitted (the caller checks the database), so a success
/// that finished earlier but commits later is counted before anything is disabled. Failures that finish while the
/// integration is held back (disabled, or asked by the receiver to wait), or that commit while a disable is due, are not
/// counted: GitLab counts only failures of an executable hook. A 429 (or a 503 with <c>Retry-After</c>) holds the whole integration back and is never counted.
/// An HTTP 410 Gone is the receiver's own word and disables at once.
/// </remarks>
internal static class AutoDisablePolicy
{
    /// <summary>The longest error text kept.</summary>
    public const int MaxErrorLength = 2000;

    /// <summary>
    /// Applies one observation to the row: counts it and marks when a disable became due
    /// (<see cref="IntegrationHealthRecord.DisableDueSince"/>), without making it (but for 410 Gone).
    /// </summary>
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
                health.DisableDueSince = null;
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

        // Failures of calls made while held back (in flight when the hold began) are not counted; nor are those that
        // commit while a disable is due and waits for earlier attempts: the failures counted already justify it, and
        // made at once it would have held these calls back. Counting them (dozens, with several workers) would turn the
        // first temporary disable into a permanent one.
        var heldBack = health.PermanentlyDisabled || health.DisabledUntil > at || health.HeldUntil > at || health.DisableDueSince is not null;
        if (heldBack && !gone)
        {
            return;
        }

        health.RecentFailures++;
        health.FailingSince = Earlier(health.FailingSince, at);
        health.LastFailureAt = Later(health.LastFailureAt, at);
        health.LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (gone)
        {
            health.PermanentlyDisabled = true;
            health.DisabledUntil = null;
            health.DisableDueSince = null;
            return;
        }

        if (health.DisableDueSince is null && DisableDue(health, options))
        {
            health.DisableDueSince = health.LastFailureAt; // from here on, failures wait with the disable (see ApplyFailure)
        }
    }

    /// <summary>Whether the failures counted call for a disable (or a longer one) that is not in effect yet.</summary>
    public static bool DisableDue(IntegrationHealthRecord health, DeliveryOptions options) =>
        !health.PermanentlyDisabled && health.RecentFailures > options.FailuresBeforeTemporaryDisable && health.LastFailureAt is not null
        && (health.RecentFailures >= options.FailuresBeforePermanentDisable || health.DisabledUntil != DisabledUntil(health, options));

    /// <summary>
    /// Disables the integration for the failures counted: permanently from
    /// <see cref="DeliveryOptions.FailuresBeforePermanentDisable"/>, else from the last failure for base × 2^(failures −
    /// grace), capped. Call it when <see cref="DisableDue"/> and every attempt that finished before the last failure is counted.
    /// </summary>
    public static void Disable(IntegrationHealthRecord health, DeliveryOptions options)
    {
        health.DisableDueSince = null;
        if (health.RecentFailures >= options.FailuresBeforePermanentDisable)
        {
            health.PermanentlyDisabled = true;
            health.DisabledUntil = null;
            return;
        }

        health.DisabledUntil = DisabledUntil(health, options);
    }

    private static long DisabledUntil(IntegrationHealthRecord health, DeliveryOptions options)
    {
        var beyondGrace = health.RecentFailures - options.FailuresBeforeTemporaryDisable;
        var backoff = options.DisableBackoffBase.TotalMilliseconds * Math.Pow(2, beyondGrace);
        var capped = Math.Min(Math.Max(backoff, options.DisableBackoffBase.TotalMilliseconds), options.DisableBackoffMax.TotalMilliseconds);
        return health.LastFailureAt.GetValueOrDefault() + (long)capped;
    }

    private static long? Earlier(long? current, long candidate) => current is { } c && c <= candidate ? c : candidate;

    private static long? Later(long? current, long? candidate) =>
        current is { } c && (candidate is null || c >= candidate) ? c : candidate;
}
