using Integrations.Persistence;
using Integrations.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.State;

/// <summary>One integration's state in the integrations database, each call on a context of its own, writes in the
/// process's turn to write (one writer at a time on SQLite).</summary>
internal sealed class StoredIntegrationState(Guid integrationId, IServiceScopeFactory scopes, IDeliveryStorage storage, DatabaseWriteGate gate, TimeProvider time)
    : IIntegrationState
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        StateKey.Validate(key);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<IIntegrationsDbContextProvider>().Context;
            return await context.Set<IntegrationStateRecord>().AsNoTracking()
                .Where(s => s.IntegrationId == integrationId && s.Key == key).Select(s => s.Value)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<bool> TryAddAsync(string key, string value, CancellationToken cancellationToken = default) =>
        WriteAsync(key, value, (context, row, token) => storage.TryAddStateAsync(context, row, token), cancellationToken);

    public Task SetAsync(string key, string value, CancellationToken cancellationToken = default) =>
        WriteAsync(key, value, async (context, row, token) =>
        {
            await storage.SetStateAsync(context, row, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        StateKey.Validate(key);
        return await InTurnAsync(async context => await context.Set<IntegrationStateRecord>()
            .Where(s => s.IntegrationId == integrationId && s.Key == key)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0, cancellationToken).ConfigureAwait(false);
    }

    private Task<bool> WriteAsync(string key, string value, Func<DbContext, IntegrationStateRecord, CancellationToken, Task<bool>> write, CancellationToken cancellationToken)
    {
        StateKey.Validate(key);
        ArgumentNullException.ThrowIfNull(value);
        var row = new IntegrationStateRecord { IntegrationId = integrationId, Key = key, Value = value, UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds() };
        return InTurnAsync(context => write(context, row, cancellationToken), cancellationToken);
    }

    private async Task<bool> InTurnAsync(Func<DbContext, Task<bool>> write, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<IIntegrationsDbContextProvider>().Context;
            using var turn = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            return await write(context).ConfigureAwait(false);
        }
    }
}
