using Integrations.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Delivery;

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
    private readonly GroupCommitter<DeliveryOutcome, OutcomeStored> _committer;

    public OutcomeWriter(IServiceScopeFactory scopes, IntegrationHealthService health, TimeProvider time, DatabaseWriteGate gate)
    {
        _gate = gate;
        _scopes = scopes;
        _health = health;
        _time = time;
        _committer = new GroupCommitter<DeliveryOutcome, OutcomeStored>("delivery outcome writer", CommitAsync, MaxPerCommit);
    }

    public Task<OutcomeStored> WriteAsync(DeliveryOutcome outcome) => _committer.EnqueueAsync(outcome);

    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    private async Task<IReadOnlyList<OutcomeStored>> CommitAsync(IReadOnlyList<DeliveryOutcome> outcomes)
    {
        var stored = new OutcomeStored[outcomes.Count];
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<IIntegrationsDbContextProvider>().Context;
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            _committer.MaxConcurrentCommits = context.GetConcurrentCommits();
            using var turn = await _gate.EnterAsync(context, CancellationToken.None).ConfigureAwait(false);
            var transaction = await context.Database.BeginTransactionAsync().ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var applied = await OutcomeSql.ApplyAsync(context, outcomes, now, CancellationToken.None).ConfigureAwait(false);
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

                await BulkInsert.InsertAsync(context, attempts, CancellationToken.None).ConfigureAwait(false);

                // Health rows are updated in integration id order, so concurrent commits lock them in the same order.
                foreach (var i in Enumerable.Range(0, outcomes.Count).OrderBy(i => outcomes[i].Delivery.IntegrationId))
                {
                    var o = outcomes[i];
                    if (!stored[i].Recorded || o.Health.Effect == HealthEffect.None)
                    {
                        continue;
                    }

                    var change = o.Health.Effect == HealthEffect.Success
                        ? await _health.RecordSuccessAsync(context, o.Delivery.IntegrationId, o.Delivery.IntegrationType, o.Health.Before, CancellationToken.None).ConfigureAwait(false)
                        : await _health.RecordFailureAsync(context, o.Delivery.IntegrationId, o.Delivery.IntegrationType, o.Health.Before, o.Health.Gone, o.Error ?? "Delivery failed.", CancellationToken.None).ConfigureAwait(false);
                    stored[i] = stored[i] with { Change = change };
                }

                await transaction.CommitAsync().ConfigureAwait(false);
            }

            // Forget cached health only where it was written: every failure, and a success that changed the status
            // (a success on a healthy integration writes nothing, so its cached health stays valid).
            for (var i = 0; i < outcomes.Count; i++)
            {
                if (stored[i].Recorded && (outcomes[i].Health.Effect == HealthEffect.Failure || stored[i].Change is not null))
                {
                    _health.Forget(outcomes[i].Delivery.IntegrationId);
                }
            }
        }

        return stored;
    }
}
