using Integrations.Health;
using Integrations.Persistence;
using Integrations.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Worker;

/// <summary>
/// Group commit for delivery outcomes: the results, attempt logs and health changes of deliveries that finish at about the
/// same time are written in one transaction. Each outcome is stored only if its worker still holds the lease.
/// </summary>
internal sealed class OutcomeWriter : IAsyncDisposable
{
    private const int MaxPerCommit = 256;
    private readonly IServiceScopeFactory _scopes;
    private readonly IntegrationHealthService _health;
    private readonly TimeProvider _time;
    private readonly DatabaseWriteGate _gate;
    private readonly IDeliveryStorage _storage;
    private readonly GroupCommitter<DeliveryOutcome, OutcomeStored> _committer;

    public OutcomeWriter(IServiceScopeFactory scopes, IntegrationHealthService health, TimeProvider time, DatabaseWriteGate gate, IDeliveryStorage storage)
    {
        _gate = gate;
        _scopes = scopes;
        _health = health;
        _time = time;
        _storage = storage;
        _committer = new GroupCommitter<DeliveryOutcome, OutcomeStored>("delivery outcome writer", CommitAsync, MaxPerCommit)
        {
            MaxConcurrentCommits = storage.Features.ConcurrentCommits,
        };
    }

    public Task<OutcomeStored> WriteAsync(DeliveryOutcome outcome) => _committer.EnqueueAsync(outcome);

    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    private async Task<IReadOnlyList<OutcomeStored>> CommitAsync(IReadOnlyList<DeliveryOutcome> outcomes)
    {
        var stored = new OutcomeStored[outcomes.Count];
        var written = new List<Guid>();
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<IIntegrationsDbContextProvider>().Context;
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            using var turn = await _gate.EnterAsync(CancellationToken.None).ConfigureAwait(false);
            var transaction = await context.Database.BeginTransactionAsync().ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var applied = await _storage.ApplyOutcomesAsync(context, outcomes.Select(o => o.ToRow(now)).ToList(), CancellationToken.None).ConfigureAwait(false);
                var attempts = new List<DeliveryAttemptRecord>(outcomes.Count);
                for (var i = 0; i < outcomes.Count; i++)
                {
                    var o = outcomes[i];
                    var recorded = applied.Contains(o.Delivery.Id);
                    stored[i] = new OutcomeStored(recorded, null);
                    if (recorded && o.Attempt is not null)
                    {
                        attempts.Add(o.Attempt);
                    }
                }

                await _storage.InsertAsync(context, attempts, CancellationToken.None).ConfigureAwait(false);

                // One read-modify-write per integration, in integration id order so concurrent commits lock rows in the
                // same order; each status change is announced once, with the first outcome of its integration.
                var byIntegration = Enumerable.Range(0, outcomes.Count)
                    .Where(i => stored[i].Recorded && outcomes[i].Health.Effect != HealthEffect.None)
                    .GroupBy(i => outcomes[i].Delivery.IntegrationId)
                    .OrderBy(g => g.Key);
                foreach (var group in byIntegration)
                {
                    var first = group.First();
                    var write = await _health.ApplyAsync(context, group.Key, outcomes[first].Delivery.IntegrationType,
                        group.Select(i => outcomes[i].Health).ToList(), ReasonOf(group.Select(i => outcomes[i].Health)), CancellationToken.None).ConfigureAwait(false);
                    if (write.Written)
                    {
                        written.Add(group.Key);
                    }

                    stored[first] = stored[first] with { Change = write.Change };
                }

                await transaction.CommitAsync().ConfigureAwait(false);
            }

            foreach (var integrationId in written)
            {
                _health.Forget(integrationId);
            }
        }

        return stored;
    }

    /// <summary>The reason given to listeners: that of the newest success or failure (a hold changes no status).</summary>
    private static string ReasonOf(IEnumerable<HealthObservation> observations)
    {
        var last = observations.Where(o => o.Effect != HealthEffect.Throttled).MaxBy(o => o.FinishedAt) ?? observations.MaxBy(o => o.FinishedAt)!;
        return last.Effect switch
        {
            HealthEffect.Success => "A delivery succeeded.",
            HealthEffect.Gone => "The receiver answered 410 Gone.",
            HealthEffect.Throttled => "The receiver asked for time.",
            _ => "Delivery failed: " + (last.Error ?? "unknown error"),
        };
    }
}
