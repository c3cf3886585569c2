using Integrations;
using Integrations.Inheritance;
using Integrations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Samples.CustomIntegration;

/// <summary>
/// The walk-through: register the custom type, save it at the instance with a secret, override one field for a
/// project, reload both from a SQLite file, and print the effective settings with the secret masked.
/// </summary>
public static class CustomIntegrationDemo
{
    /// <summary>A fixed key so the sample's database reopens across runs. Real hosts load keys from a secret store.</summary>
    public const string DemoKey = "8m1xJ5yHc0K3q9rV2bN7tW4zL6pQ1sD3fG5hJ7kM9nA=";

    /// <summary>The API key the sample stores; it must never be printed.</summary>
    public const string DemoApiKey = "sp_live_4f9d2c7a1b8e";

    /// <summary>Runs the walk-through against a SQLite file and writes what it does to <paramref name="output"/>.</summary>
    /// <param name="databasePath">The SQLite file (created if missing, emptied first).</param>
    /// <param name="output">Where to write.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task RunAsync(string databasePath, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddIntegrations(o => o.Encryption.AddKey("demo-2026", DemoKey))
            .Add<StatusPageIntegration>()                       // the one registration line
            .UseIntegrationsDbContext(db => db.UseSqlite($"Data Source={databasePath}"))
            .UseSqlite();                                       // the SQLite storage fast path (Integrations.Sqlite)
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
            await db.Database.EnsureDeletedAsync(cancellationToken);
            await db.Database.EnsureCreatedAsync(cancellationToken);

            var store = scope.ServiceProvider.GetRequiredService<IIntegrationStore>();
            await store.SaveAsync(new StatusPageIntegration
            {
                Scope = IntegrationScope.Instance,
                Active = true,
                ApiUrl = "https://status.example.com/api/",
                ApiKey = DemoApiKey,
                Component = "platform",
            }, cancellationToken);
            output.WriteLine("Saved the status page integration at the instance level, with an API key.");

            var project = new StatusPageIntegration { Scope = IntegrationScope.Project(42), Active = true, Component = "billing-api" };
            project.InheritedFields.UnionWith(["api_url", "api_key", "failures_only"]);
            await store.SaveAsync(project, cancellationToken);
            output.WriteLine("Saved project 42's own component; it inherits the URL and API key from the instance.");
        }

        // A new scope is a new DbContext: everything below is read back from the SQLite file.
        await using (var scope = provider.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IIntegrationStore>();
            var instance = (await store.FindAsync<StatusPageIntegration>(IntegrationScope.Instance, cancellationToken))!;
            output.WriteLine();
            output.WriteLine($"Reloaded from {Path.GetFileName(databasePath)}:");
            output.WriteLine($"  {instance}");
            output.WriteLine($"  (the API key decrypts for use: {(instance.ApiKey == DemoApiKey ? "yes" : "no")})");
            // The raw column, as any SQL client sees it: the key is ciphertext.
            var stored = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database
                .SqlQuery<string>($"SELECT properties AS \"Value\" FROM integrations WHERE id = {instance.Id}").SingleAsync(cancellationToken);
            var encrypted = System.Text.Json.JsonDocument.Parse(stored).RootElement.GetProperty("api_key").GetString()!;
            output.WriteLine($"  stored api_key column value: {encrypted[..Math.Min(28, encrypted.Length)]}… (AES-256-GCM)");

            var effective = (await scope.ServiceProvider.GetRequiredService<IIntegrationResolver>()
                .GetEffectiveAsync(IntegrationScope.Project(42), "status_page", cancellationToken))!;
            output.WriteLine();
            output.WriteLine("Effective settings for project 42:");
            foreach (var field in effective.Settings.Fields)
            {
                var value = effective.Settings.GetRawValue(field.Name);
                var shown = value is null ? "(not set)" : field.IsSecretValue ? SecretMask.Value : value.ToJsonString();
                output.WriteLine($"  {field.Name,-14} = {shown,-40} from {effective.SourceOf(field.Name)}");
            }

            output.WriteLine($"  active         = {effective.IsActive}");
        }
    }
}
