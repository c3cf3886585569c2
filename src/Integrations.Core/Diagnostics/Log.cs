using Microsoft.Extensions.Logging;

namespace Integrations.Diagnostics;

/// <summary>
/// Every log message of the core, source-generated with stable event ids: 1001–1006 storage, 2001–2018 delivery. Messages
/// carry ids, type slugs, scopes and field names, never setting values. Times are ISO 8601 in UTC, whatever the culture.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Skipped integration {IntegrationId} ('{Type}' at {Scope}): {Reason}")]
    public static partial void BrokenIntegrationSkipped(ILogger logger, Guid integrationId, string type, string scope, string reason);

    [LoggerMessage(1002, LogLevel.Information, "Saved integration {IntegrationId} ('{Type}' at {Scope}), version {Version}")]
    public static partial void IntegrationSaved(ILogger logger, Guid integrationId, string type, string scope, int version);

    [LoggerMessage(1003, LogLevel.Information, "Deleted integration {IntegrationId} ('{Type}' at {Scope})")]
    public static partial void IntegrationDeleted(ILogger logger, Guid integrationId, string type, string scope);

    [LoggerMessage(1004, LogLevel.Information, "Cleared secret field '{Field}' of integration {IntegrationId} ('{Type}') because a field that receives it changed and the secret was not entered again")]
    public static partial void SecretReset(ILogger logger, Guid integrationId, string type, string field);

    [LoggerMessage(1006, LogLevel.Warning, "Deliveries use the portable EF Core storage on {Provider}, which no storage package was chosen for: {Advice}")]
    public static partial void PortableStorageFallback(ILogger logger, string provider, string advice);

    [LoggerMessage(1005, LogLevel.Warning, "Concurrency conflict saving integration {IntegrationId} ('{Type}'), loaded at version {Version}")]
    public static partial void ConcurrencyConflict(ILogger logger, Guid integrationId, string type, int version);

    [LoggerMessage(2001, LogLevel.Information, "Delivered {DeliveryId} ({Event}) to integration {IntegrationId} ('{Type}') on attempt {Attempt} in {DurationMs} ms")]
    public static partial void Delivered(ILogger logger, Guid deliveryId, string @event, Guid integrationId, string type, int attempt, long durationMs);

    [LoggerMessage(2002, LogLevel.Warning, "Delivery {DeliveryId} ({Event}) to integration {IntegrationId} ('{Type}') failed on attempt {Attempt}; retrying in {Delay}: {Error}")]
    public static partial void DeliveryRetrying(ILogger logger, Guid deliveryId, string @event, Guid integrationId, string type, int attempt, TimeSpan delay, string error);

    [LoggerMessage(2003, LogLevel.Error, "Delivery {DeliveryId} ({Event}) to integration {IntegrationId} ('{Type}') is dead after {Attempts} attempt(s): {Error}")]
    public static partial void DeliveryDead(ILogger logger, Guid deliveryId, string @event, Guid integrationId, string type, int attempts, string error);

    [LoggerMessage(2004, LogLevel.Warning, "Integration {IntegrationId} ('{Type}') health changed from {Previous} to {Current}")]
    public static partial void HealthChanged(ILogger logger, Guid integrationId, string type, string previous, string current);

    [LoggerMessage(2018, LogLevel.Information, "Delivery {DeliveryId} of {Event} to integration {IntegrationId} ('{Type}') skipped: {Reason}")]
    public static partial void DeliverySkipped(ILogger logger, Guid deliveryId, string @event, Guid integrationId, string type, string reason);

    [LoggerMessage(2017, LogLevel.Debug, "Integration {IntegrationId}: health change version {Version} not announced; version {Announced} was announced already")]
    public static partial void HealthChangeSuperseded(ILogger logger, Guid integrationId, int version, int announced);

    [LoggerMessage(2005, LogLevel.Error, "Health listener {Listener} failed for integration {IntegrationId}")]
    public static partial void HealthListenerFailed(ILogger logger, Exception exception, string listener, Guid integrationId);

    [LoggerMessage(2006, LogLevel.Warning, "Lost the lease on delivery {DeliveryId} before recording its attempt; another worker owns it now")]
    public static partial void LeaseLost(ILogger logger, Guid deliveryId);

    [LoggerMessage(2007, LogLevel.Error, "The delivery worker {WorkerId} could not claim work; retrying")]
    public static partial void ClaimFailed(ILogger logger, Exception exception, string workerId);

    [LoggerMessage(2013, LogLevel.Error, "The delivery worker {WorkerId} hit an unexpected error; it keeps running")]
    public static partial void WorkerLoopFailed(ILogger logger, Exception exception, string workerId);

    [LoggerMessage(2008, LogLevel.Information, "Delivery worker {WorkerId} started (concurrency {Concurrency}, batch {Batch})")]
    public static partial void WorkerStarted(ILogger logger, string workerId, int concurrency, int batch);

    [LoggerMessage(2009, LogLevel.Information, "Retention removed {Deliveries} deliveries and {Attempts} attempt log entries older than {Cutoff}")]
    public static partial void RetentionApplied(ILogger logger, int deliveries, int attempts, string cutoff);

    /// <summary>ISO 8601 in UTC to the millisecond (<c>2026-11-01T12:00:00.000Z</c>), the same in every culture.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(2010, LogLevel.Error, "Integration {IntegrationId} ('{Type}') threw while delivering {DeliveryId}")]
    public static partial void IntegrationThrew(ILogger logger, Exception exception, Guid integrationId, string type, Guid deliveryId);

    [LoggerMessage(2011, LogLevel.Information, "Delivery {DeliveryId} to integration {IntegrationId} held until {Until}: the integration is temporarily disabled, or the receiver asked for time")]
    public static partial void DeliveryHeld(ILogger logger, Guid deliveryId, Guid integrationId, string until);

    [LoggerMessage(2012, LogLevel.Error, "Delivery {DeliveryId} could not be processed; it will be retried after its lease")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, Guid deliveryId);

    [LoggerMessage(2014, LogLevel.Error, "The delivery worker {WorkerId} could not apply retention; it tries again at its next maintenance")]
    public static partial void RetentionFailed(ILogger logger, Exception exception, string workerId);

    [LoggerMessage(2015, LogLevel.Warning, "The delivery worker {WorkerId} could not refresh the outbox gauges")]
    public static partial void GaugesFailed(ILogger logger, Exception exception, string workerId);

    [LoggerMessage(2016, LogLevel.Warning, "The delivery worker {WorkerId} could not hand back {Count} unstarted claims; they are taken again when their lease ends")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string workerId, int count);
}
