using System.Text;
using Integrations.Events;
using Integrations.Inheritance;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Delivery;

/// <summary>Resolves, filters and stores deliveries for host events.</summary>
internal sealed class IntegrationDispatcher : IIntegrationDispatcher
{
    private readonly IIntegrationResolver _resolver;
    private readonly OutboxWriter _writer;
    private readonly TimeProvider _time;

    public IntegrationDispatcher(IIntegrationResolver resolver, OutboxWriter writer, TimeProvider time)
    {
        _resolver = resolver;
        _writer = writer;
        _time = time;
    }

    public async Task<IReadOnlyList<EnqueuedDelivery>> DispatchAsync(string projectId, IntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        var rows = await BuildAsync(projectId, @event, cancellationToken).ConfigureAwait(false);
        if (rows.Count > 0)
        {
            await _writer.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        return Describe(rows);
    }

    public async Task<IReadOnlyList<EnqueuedDelivery>> EnqueueAsync(DbContext context, string projectId, IntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Model.FindEntityType(typeof(DeliveryRecord)) is null)
        {
            throw new InvalidOperationException(
                $"{context.GetType().Name} does not include the integrations tables: call modelBuilder.AddIntegrations() in its OnModelCreating.");
        }

        var rows = await BuildAsync(projectId, @event, cancellationToken).ConfigureAwait(false);
        context.Set<DeliveryRecord>().AddRange(rows);
        return Describe(rows);
    }

    private async Task<List<DeliveryRecord>> BuildAsync(string projectId, IntegrationEvent @event, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentNullException.ThrowIfNull(@event);
        var kind = @event.Kind;
        var eventName = IntegrationEventNames.GetName(kind);
        var effective = await _resolver.GetEffectiveAsync(IntegrationScope.Project(projectId), cancellationToken).ConfigureAwait(false);

        List<DeliveryRecord>? rows = null;
        string? payload = null;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var integration in effective)
        {
            // Subscription is by exact kind, so confidential issues and notes reach only integrations subscribed to them.
            if (!integration.IsActive || (integration.Settings.EnabledEvents & kind) == 0 || !integration.Settings.Accepts(@event))
            {
                continue;
            }

            payload ??= Encoding.UTF8.GetString(@event.ToJsonUtf8());
            (rows ??= []).Add(new DeliveryRecord
            {
                Id = Guid.CreateVersion7(),
                EventId = @event.Id,
                IntegrationId = integration.IntegrationId,
                IntegrationType = integration.Type,
                ProjectId = projectId,
                EventKind = eventName,
                Payload = payload,
                Status = DeliveryStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }

        return rows ?? [];
    }

    private static EnqueuedDelivery[] Describe(List<DeliveryRecord> rows) =>
        rows.Select(r => new EnqueuedDelivery(r.Id, r.IntegrationId, r.IntegrationType)).ToArray();
}
