using System.Globalization;
using Integrations.Events;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Dispatch;

/// <summary>
/// Numeric project ids for <see cref="IIntegrationDispatcher"/>. Project ids are strings throughout the library (so any
/// key type fits, as in <see cref="IntegrationScope"/>); a host with numeric ids may pass them as they are, exactly as
/// <see cref="IntegrationScope.Project(long)"/> accepts them. <c>DispatchAsync(42, e)</c> and
/// <c>DispatchAsync("42", e)</c> reach the same project.
/// </summary>
public static class IntegrationDispatcherExtensions
{
    /// <summary>Stores the deliveries of one event in a project with a numeric id.</summary>
    /// <param name="dispatcher">The dispatcher.</param>
    /// <param name="projectId">The host's numeric project id.</param>
    /// <param name="event">The event.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The deliveries created.</returns>
    public static Task<IReadOnlyList<EnqueuedDelivery>> DispatchAsync(this IIntegrationDispatcher dispatcher, long projectId, IntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return dispatcher.DispatchAsync(projectId.ToString(CultureInfo.InvariantCulture), @event, cancellationToken);
    }

    /// <summary>Adds the deliveries of one event in a project with a numeric id to the host's own context (the transactional outbox).</summary>
    /// <param name="dispatcher">The dispatcher.</param>
    /// <param name="context">The host's context, about to save the change the event describes.</param>
    /// <param name="projectId">The host's numeric project id.</param>
    /// <param name="event">The event.</param>
    /// <param name="cancellationToken">Cancels resolving the integrations.</param>
    /// <returns>The deliveries added to the context.</returns>
    public static Task<IReadOnlyList<EnqueuedDelivery>> EnqueueAsync(this IIntegrationDispatcher dispatcher, DbContext context, long projectId, IntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return dispatcher.EnqueueAsync(context, projectId.ToString(CultureInfo.InvariantCulture), @event, cancellationToken);
    }
}
