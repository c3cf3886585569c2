using Integrations.DeliveryLog;

namespace Integrations.TestSettings;

/// <summary>The outcome of "Test settings".</summary>
/// <param name="Result">What the integration reported.</param>
/// <param name="Attempt">The logged request and response (redacted), when a request was made.</param>
public sealed record IntegrationTestResult(IntegrationResult Result, DeliveryAttempt? Attempt);
