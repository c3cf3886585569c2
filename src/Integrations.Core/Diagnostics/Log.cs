using Microsoft.Extensions.Logging;

namespace Integrations.Diagnostics;

/// <summary>
/// Every log message of the core, source-generated with stable event ids (1000–1999). Messages carry ids, type
/// slugs, scopes and field names, never setting values.
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

    [LoggerMessage(1005, LogLevel.Warning, "Concurrency conflict saving integration {IntegrationId} ('{Type}'), loaded at version {Version}")]
    public static partial void ConcurrencyConflict(ILogger logger, Guid integrationId, string type, int version);
}
