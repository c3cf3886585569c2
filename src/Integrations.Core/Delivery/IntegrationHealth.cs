namespace Integrations.Delivery;

/// <summary>An integration's delivery health, for troubleshooting pages and alerts.</summary>
/// <param name="IntegrationId">The integration.</param>
/// <param name="Status">The status.</param>
/// <param name="RecentFailures">Consecutive failures since the last success.</param>
/// <param name="DisabledUntil">When a temporary disable ends.</param>
/// <param name="LastFailureAt">The last failure.</param>
/// <param name="LastSuccessAt">The last success.</param>
/// <param name="LastError">The last error (never a secret).</param>
public sealed record IntegrationHealth(
    Guid IntegrationId,
    IntegrationHealthStatus Status,
    int RecentFailures,
    DateTimeOffset? DisabledUntil,
    DateTimeOffset? LastFailureAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError)
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
            integrationId, status, record.RecentFailures, ToTime(record.DisabledUntil), ToTime(record.LastFailureAt), ToTime(record.LastSuccessAt), record.LastError);
    }

    private static DateTimeOffset? ToTime(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
