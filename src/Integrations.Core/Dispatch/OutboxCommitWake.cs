using System.Data.Common;
using System.Runtime.CompilerServices;
using Integrations.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Integrations.Dispatch;

/// <summary>
/// Wakes this process's delivery worker when a host's transaction that holds deliveries from
/// <see cref="IIntegrationDispatcher.EnqueueAsync(DbContext, string, Events.IntegrationEvent, CancellationToken)"/> commits, so
/// those deliveries go out at once instead of at the worker's next poll. An EF Core interceptor added to the host's context
/// by <c>UseDbContext&lt;TContext&gt;()</c>: it watches only contexts that enqueued something, and wakes on the commit of
/// their transaction (or on <c>SaveChanges</c> when there is none). A transaction the host commits outside EF Core is not
/// seen; its deliveries wait for the next poll, as before.
/// </summary>
internal sealed class OutboxCommitWake(DeliverySignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    /// <summary>Remembers that the context holds deliveries to announce once they are committed.</summary>
    public void Expect(DbContext context) => _pending.AddOrUpdate(context, this);

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Committed(context); // no transaction of the host's: SaveChanges committed its own
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            signal.Notify();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
