using Integrations.Diagnostics;
using Integrations.Persistence;
using Integrations.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integrations.Worker;

/// <summary>
/// Warns once at startup when deliveries fall back to the portable EF Core storage without the host having chosen it:
/// usually a forgotten <c>.UseSqlite()</c> or <c>.UsePostgreSql()</c>, which costs speed and, on SQLite, the single-writer
/// turn-taking. The warning names the package to add. <c>.UsePortableStorage()</c> says the choice is deliberate.
/// </summary>
internal sealed class StorageChoiceNotice(IDeliveryStorage storage, IServiceScopeFactory scopes, ILogger<StorageChoiceNotice> logger, PortableStorageChoice? chosen = null)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.GetType() != typeof(EfCoreDeliveryStorage) || chosen is not null)
        {
            return Task.CompletedTask;
        }

        string? provider;
        try
        {
            using var scope = scopes.CreateScope();
            provider = scope.ServiceProvider.GetRequiredService<IIntegrationsDbContextProvider>().Context.Database.ProviderName;
        }
        catch (InvalidOperationException)
        {
            return Task.CompletedTask; // no database configured yet: that error is reported where the database is first used
        }

        Log.PortableStorageFallback(logger, provider ?? "an unknown provider", AdviceFor(provider));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What to do, for the database the context is on.</summary>
    internal static string AdviceFor(string? provider) => provider switch
    {
        not null when provider.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) =>
            "add the Integrations.Sqlite package and call .UseSqlite() after AddIntegrations (without it this process's writers do not take turns and collide inside SQLite)",
        not null when provider.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) =>
            "add the Integrations.PostgreSql package and call .UsePostgreSql() after AddIntegrations",
        _ => "call .UsePortableStorage() after AddIntegrations to say this choice is deliberate",
    };
}
