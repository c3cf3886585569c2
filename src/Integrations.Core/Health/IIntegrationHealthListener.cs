namespace Integrations.Health;

/// <summary>
/// Told when an integration's health status changes: register one to tell the integration's owner (e-mail, an in-app
/// banner) that it was disabled or has recovered. Register with <c>services.AddSingleton&lt;IIntegrationHealthListener, T&gt;()</c>;
/// exceptions are logged and never stop delivery. A process calls its listeners one change at a time, in the order the
/// changes were stored (<see cref="IntegrationHealthChange.Version"/>), so keep the work short (queue an e-mail rather
/// than send it); with several processes, keep the highest version per integration.
/// </summary>
public interface IIntegrationHealthListener
{
    /// <summary>Called after the change is stored.</summary>
    /// <param name="change">What changed.</param>
    /// <param name="cancellationToken">Cancelled on shutdown.</param>
    Task OnHealthChangedAsync(IntegrationHealthChange change, CancellationToken cancellationToken);
}
