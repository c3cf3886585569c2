using Integrations.Dispatch;
using Integrations.Events;
using Integrations.Samples.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// How every route changes the forge: the change and the deliveries of the event it raises are committed in one
/// transaction (the library's transactional outbox), so an event is never lost nor sent for a change that was rolled back.
/// </summary>
internal static class ForgeChanges
{
    /// <summary>Runs <paramref name="change"/> (which adds or edits rows and returns its event) and commits it with the event's deliveries.</summary>
    public static Task SaveAsync(ForgeDbContext db, IIntegrationDispatcher dispatcher, long projectId, Func<Task<IntegrationEvent>> change, CancellationToken cancellationToken) =>
        SaveAllAsync(db, dispatcher, projectId, async () => [await change()], cancellationToken);

    /// <summary>The same for a change that raises several events (a finished pipeline and its jobs).</summary>
    public static async Task SaveAllAsync(ForgeDbContext db, IIntegrationDispatcher dispatcher, long projectId, Func<Task<IReadOnlyList<IntegrationEvent>>> change,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var events = await change();
        await db.SaveChangesAsync(cancellationToken);
        foreach (var @event in events)
        {
            await dispatcher.EnqueueAsync(db, projectId, @event, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The same for a change that numbers a new row max + 1 within its project: one such change at a time in this
    /// process, and a collision with another instance on the unique index starts it again with the next number.
    /// </summary>
    public static async Task SaveNumberedAsync(ForgeDbContext db, IIntegrationDispatcher dispatcher, NumberingLock numbering, long projectId,
        Func<Task<IntegrationEvent>> change, CancellationToken cancellationToken)
    {
        using var entered = await numbering.EnterAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SaveAsync(db, dispatcher, projectId, change, cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 10)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
