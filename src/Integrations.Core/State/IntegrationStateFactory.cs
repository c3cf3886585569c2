using Integrations.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.State;

/// <summary>Gives each delivery its integration's stored state.</summary>
internal sealed class IntegrationStateFactory(IServiceScopeFactory scopes, IDeliveryStorage storage, DatabaseWriteGate gate, TimeProvider time)
{
    public IIntegrationState For(Guid integrationId) => new StoredIntegrationState(integrationId, scopes, storage, gate, time);
}
