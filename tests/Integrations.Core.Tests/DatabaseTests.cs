using Integrations.Inheritance;
using Integrations.Persistence;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests;

/// <summary>
/// Base of every fixture that stores integrations: each test gets a fresh real database (SQLite file or PostgreSQL
/// database) and a container wired as a host would wire it. Concrete fixtures carry
/// <c>[TestFixture(DatabaseKind.Sqlite)]</c> and <c>[TestFixture(DatabaseKind.PostgreSql)]</c>.
/// </summary>
public abstract class DatabaseTests(DatabaseKind kind)
{
    protected DatabaseKind Kind { get; } = kind;

    protected IntegrationsTestHost Host { get; private set; } = null!;

    [SetUp]
    public async Task StartHostAsync() => Host = await IntegrationsTestHost.StartAsync(Kind, Configure, ConfigureOptions);

    [TearDown]
    public async Task StopHostAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    protected virtual void Configure(IIntegrationsBuilder builder) =>
        builder.Add<ChatIntegration>().Add<TrackerIntegration, TrackerValidator>().Add<HookIntegration>().Add<DeployBoardIntegration>();

    protected virtual void ConfigureOptions(IntegrationsOptions options)
    {
    }

    /// <summary>Runs against the store in a fresh scope, like a separate request.</summary>
    protected Task<T> WithStoreAsync<T>(Func<IIntegrationStore, Task<T>> action) =>
        Host.ScopeAsync(sp => action(sp.GetRequiredService<IIntegrationStore>()));

    protected Task SaveAsync(Integration integration) =>
        Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationStore>().SaveAsync(integration));

    protected Task<T?> FindAsync<T>(IntegrationScope scope)
        where T : Integration =>
        WithStoreAsync(store => store.FindAsync<T>(scope));

    protected Task<IReadOnlyList<EffectiveIntegration>> EffectiveAsync(IntegrationScope scope) =>
        Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationResolver>().GetEffectiveAsync(scope));

    protected Task<EffectiveIntegration?> EffectiveAsync(IntegrationScope scope, string type) =>
        Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationResolver>().GetEffectiveAsync(scope, type));

    protected static ChatIntegration NewChat(IntegrationScope scope, string channel, bool active = true) => new()
    {
        Scope = scope,
        Active = active,
        Webhook = "https://hooks.example.test/services/T000/B000/" + channel.TrimStart('#'),
        Channel = channel,
    };

    protected static TrackerIntegration NewTracker(IntegrationScope scope, bool active = true) => new()
    {
        Scope = scope,
        Active = active,
        Url = "https://tracker.example.test",
        Username = "bot",
        Password = "s3cret-token-value",
        ProjectKey = "OPS",
    };
}
