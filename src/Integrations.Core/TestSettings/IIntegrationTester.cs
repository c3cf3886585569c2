namespace Integrations.TestSettings;

/// <summary>
/// "Test settings" at any level, with the values being edited (saved or not): runs the integration's
/// <see cref="Integration.TestAsync"/> with a realistic event (a <see cref="Events.SampleEvents"/> sample, or the caller's
/// own) through the guarded, recorded HTTP client. The settings tested are the effective ones: the values being edited
/// merged with what they inherit, exactly as a delivery would see them. Nothing is stored, except that a successful test
/// of the saved settings (unchanged since they were loaded) re-enables a disabled integration.
/// </summary>
public interface IIntegrationTester
{
    /// <summary>Tests an integration.</summary>
    /// <param name="integration">The integration as edited (it need not be saved).</param>
    /// <param name="sampleEvent">The event to send; the first supported one by default.</param>
    /// <param name="projectId">The project the sample event claims to come from; the integration's own project, else "sample".</param>
    /// <param name="cancellationToken">Cancels the test.</param>
    Task<IntegrationTestResult> TestAsync(Integration integration, IntegrationEvents? sampleEvent = null, string? projectId = null, CancellationToken cancellationToken = default);

    /// <summary>Tests an integration with an event of the caller's own (for example the latest real one).</summary>
    /// <param name="integration">The integration as edited (it need not be saved).</param>
    /// <param name="event">The event to send; the integration must support its kind.</param>
    /// <param name="projectId">The project the event comes from; the integration's own project, else "sample".</param>
    /// <param name="cancellationToken">Cancels the test.</param>
    Task<IntegrationTestResult> TestAsync(Integration integration, Events.IntegrationEvent @event, string? projectId = null, CancellationToken cancellationToken = default);
}
