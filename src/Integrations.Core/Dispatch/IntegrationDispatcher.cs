using System.Text;
using Integrations.Events;
using Integrations.Inheritance;
using Integrations.Storage;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Dispatch;

/// <summary>Resolves, filters and stores deliveries for host events.</summary>
internal sealed class IntegrationDispatcher : IIntegrationDispatcher
{
    private readonly IIntegrationResolver _resolver;
    private readonly OutboxWriter _writer;
    private readonly TimeProvider _time;
    private readonly OutboxCommitWake? _commitWake;

    public IntegrationDispatcher(IIntegrationResolver resolver, OutboxWriter writer, TimeProvider time, OutboxCommitWake? commitWake = null)
    {
        _commitWake = commitWake;
        _resolver = resolver;
        _writer = writer;
        _time = time;
    }

    public async Task<IReadOnlyList<EnqueuedDelivery>> DispatchAsync(string projectId, IntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        var entry = await BuildAsync(projectId, @event, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return [];
        }

        await _writer.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
        return Describe(entry);
    }

    public async Task<IReadOnlyList<EnqueuedDelivery>> EnqueueAsync(DbContext context, string projectId, IntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        IntegrationsTables.Of<DeliveryRecord>(context);

        var entry = await BuildAsync(projectId, @event, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return [];
        }

        context.Set<DeliveryPayloadRecord>().Add(entry.Payload);
        context.Set<DeliveryRecord>().AddRange(entry.Deliveries);
        _commitWake?.Expect(context);
        return Describe(entry);
    }

    /// <summary>The event's payload and one delivery per subscribed integration, or null when none is subscribed.</summary>
    private async Task<OutboxEntry?> BuildAsync(string projectId, IntegrationEvent @event, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentNullException.ThrowIfNull(@event);
        var kind = @event.Kind;
        var eventName = IntegrationEventNames.GetName(kind);
        var effective = await _resolver.GetEffectiveAsync(IntegrationScope.Project(projectId), cancellationToken).ConfigureAwait(false);

        List<DeliveryRecord>? rows = null;
        DeliveryPayloadRecord? payload = null;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var integration in effective)
        {
            // Subscription is by exact kind, so confidential issues and notes reach only integrations subscribed to them.
            if (!integration.IsActive || (integration.Settings.EnabledEvents & kind) == 0 || !integration.Settings.Accepts(@event))
            {
                continue;
            }

            payload ??= new DeliveryPayloadRecord { Id = Guid.CreateVersion7(), CreatedAt = now, Body = Encoding.UTF8.GetString(@event.ToJsonUtf8()) };
            (rows ??= []).Add(new DeliveryRecord
            {
                Id = Guid.CreateVersion7(),
                EventId = @event.Id,
                IntegrationId = integration.IntegrationId,
                IntegrationType = integration.Type,
                ProjectId = projectId,
                EventKind = eventName,
                PayloadId = payload.Id,
                Status = DeliveryStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }

        return rows is null ? null : new OutboxEntry(payload!, rows);
    }

    private static EnqueuedDelivery[] Describe(OutboxEntry entry) =>
        entry.Deliveries.Select(r => new EnqueuedDelivery(r.Id, r.IntegrationId, r.IntegrationType)).ToArray();
}
