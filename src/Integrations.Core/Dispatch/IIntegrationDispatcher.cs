using Microsoft.EntityFrameworkCore;

namespace Integrations.Dispatch;

/// <summary>
/// Hands host events to integrations. Call it from your event handlers: it finds the project's effective, active
/// integrations subscribed to the event, applies their filters, and stores one delivery per integration. Nothing
/// outside is contacted on the caller's thread: the delivery worker sends them.
/// </summary>
public interface IIntegrationDispatcher
{
    /// <summary>
    /// Stores the deliveries of one event and returns once they are durable (committed). Concurrent calls are
    /// written together in few commits.
    /// </summary>
    /// <param name="projectId">The host's id of the project the event happened in.</param>
    /// <param name="event">The event.</param>
    /// <param name="cancellationToken">Cancels waiting; a delivery already being committed may still be stored.</param>
    /// <returns>The deliveries created (none when no integration is subscribed).</returns>
    Task<IReadOnlyList<EnqueuedDelivery>> DispatchAsync(string projectId, Events.IntegrationEvent @event, CancellationToken cancellationToken = default);

    /// <summary>
    /// The transactional outbox: adds the deliveries to the host's own <paramref name="context"/> without saving. They are
    /// stored if and only if the host's <c>SaveChanges</c> (or transaction) commits, together with the change that caused
    /// the event. The context's model must include the integrations tables (<c>modelBuilder.AddIntegrations()</c>).
    /// </summary>
    /// <param name="context">The host's context, about to save the change the event describes.</param>
    /// <param name="projectId">The project.</param>
    /// <param name="event">The event.</param>
    /// <param name="cancellationToken">Cancels resolving the integrations.</param>
    /// <returns>The deliveries added to the context.</returns>
    Task<IReadOnlyList<EnqueuedDelivery>> EnqueueAsync(DbContext context, string projectId, Events.IntegrationEvent @event, CancellationToken cancellationToken = default);
}
