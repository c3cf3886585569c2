using Integrations.Storage;

namespace Integrations.Health;

/// <summary>An integration's delivery health, for troubleshooting pages and alerts.</summary>
/// <param name="IntegrationId">The integration.</param>
/// <param name="Status">The status.</param>
/// <param name="RecentFailures">Consecutive failures since the last success.</param>
/// <param name="DisabledUntil">When a temporary disable ends.</param>
/// <param name="LastFailureAt">The last failure.</param>
/// <param name="LastSuccessAt">The last success.</param>
/// <param name="LastError">The last error (never a secret).</param>
/// <param name="HeldUntil">Until when deliveries wait because the receiver asked for time (429, or 503 with
/// <c>Retry-After</c>); this is not a failure and does not change <paramref name="Status"/>.</param>
/// <param name="FailingSince">When the current run of failures began.</param>
public sealed record IntegrationHealth(
    Guid IntegrationId,
    IntegrationHealthStatus Status,
    int RecentFailures,
    DateTimeOffset? DisabledUntil,
    DateTimeOffset? LastFailureAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    DateTimeOffset? HeldUntil = null,
    DateTimeOffset? FailingSince = null)
{
    internal static IntegrationHealth From(IntegrationHealthRecord? record, Guid integrationId, long nowMs)
    {
        if (record is null)
        {
            return new IntegrationHealth(integrationId, IntegrationHealthStatus.Healthy, 0, null, null, null, null);
        }

        var status = record.PermanentlyDisabled ? IntegrationHealthStatus.PermanentlyDisabled
            : record.DisabledUntil > nowMs ? IntegrationHealthStatus.TemporarilyDisabled
            : record.RecentFailures > 0 ? IntegrationHealthStatus.Failing
            : IntegrationHealthStatus.Healthy;
        return new IntegrationHealth(
            integrationId, status, record.RecentFailures, ToTime(record.DisabledUntil), ToTime(record.LastFailureAt), ToTime(record.LastSuccessAt), record.LastError,
            record.HeldUntil > nowMs ? ToTime(record.HeldUntil) : null, ToTime(record.FailingSince));
    }

    private static DateTimeOffset? ToTime(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
