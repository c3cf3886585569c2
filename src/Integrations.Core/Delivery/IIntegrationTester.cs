namespace Integrations.Delivery;

/// <summary>
/// "Test settings" at any level, with the values being edited (saved or not): runs the integration's
/// <see cref="Integration.TestAsync"/> with a sample event through the guarded, recorded HTTP client, and stores nothing
/// except that a successful test of a stored integration re-enables it.
/// </summary>
public interface IIntegrationTester
{
    /// <summary>Tests an integration.</summary>
    /// <param name="integration">The integration as edited (it need not be saved).</param>
    /// <param name="sampleEvent">The event to send; the first supported one by default.</param>
    /// <param name="projectId">The project the sample event claims to come from; the integration's own project, else "sample".</param>
    /// <param name="cancellationToken">Cancels the test.</param>
    Task<IntegrationTestResult> TestAsync(Integration integration, IntegrationEvents? sampleEvent = null, string? projectId = null, CancellationToken cancellationToken = default);
}
