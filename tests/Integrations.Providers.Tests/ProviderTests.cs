using Integrations.DeliveryLog;
using Integrations.Dispatch;
using Integrations.Events;
using Integrations.Persistence;
using Integrations.TestSettings;
using Integrations.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.Tests;

/// <summary>
/// A host with every built-in provider, a real database, a Kestrel receiver on 127.0.0.1 and a group tree
/// (project <c>app</c> in group <c>platform</c>, in group <c>acme</c>); the worker starts when a test asks.
/// </summary>
public abstract class ProviderTests(DatabaseKind kind)
{
    protected DatabaseKind Kind { get; } = kind;

    protected IntegrationsTestHost Host { get; private set; } = null!;

    protected TestReceiver Receiver { get; private set; } = null!;

    protected TestHierarchy Groups { get; } = new();

    [SetUp]
    public async Task StartAsync()
    {
        Groups.ProjectGroup["app"] = "platform";
        Groups.GroupParent["platform"] = "acme";
        Receiver = await TestReceiver.StartAsync();
        Host = await IntegrationsTestHost.StartAsync(Kind, b => Configure(b.AddAllProviders().UseScopeHierarchy(Groups)), o =>
        {
            o.Network.AllowedHosts.Add("127.0.0.1");
            o.Delivery.PollInterval = TimeSpan.FromMilliseconds(20);
            ConfigureOptions(o);
        });
    }

    [TearDown]
    public async Task StopAsync()
    {
        // Null when the set-up was skipped (PostgreSQL not configured on this machine).
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
    }

    protected virtual void ConfigureOptions(IntegrationsOptions options)
    {
    }

    /// <summary>Adds to the host's services (a provider's own options, for example).</summary>
    protected virtual void Configure(IIntegrationsBuilder builder)
    {
    }

    protected Task SaveAsync(Integration integration) =>
        Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationStore>().SaveAsync(integration));

    protected Task<T> LoadAsync<T>(Guid id)
        where T : Integration =>
        Host.ScopeAsync(async sp => (T)(await sp.GetRequiredService<IIntegrationStore>().GetAsync(id))!);

    protected Task<IReadOnlyList<EnqueuedDelivery>> DispatchAsync(string projectId, IntegrationEvent @event) =>
        Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationDispatcher>().DispatchAsync(projectId, @event));

    protected Task<IntegrationTestResult> TestSettingsAsync(Integration integration, IntegrationEvents? sampleEvent = null) =>
        Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationTester>().TestAsync(integration, sampleEvent));

    protected Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(Guid deliveryId) =>
        Host.ScopeAsync(sp => sp.GetRequiredService<IDeliveryLog>().GetAttemptsAsync(deliveryId));

    /// <summary>Dispatches, runs the worker and waits until every delivery of the event has succeeded.</summary>
    protected async Task<IReadOnlyList<EnqueuedDelivery>> DeliverAsync(string projectId, IntegrationEvent @event, DeliveryStatus expected = DeliveryStatus.Succeeded)
    {
        var deliveries = await DispatchAsync(projectId, @event);
        await Host.StartWorkersAsync();
        foreach (var delivery in deliveries)
        {
            await Host.WaitForStatusAsync(delivery.DeliveryId, expected);
        }

        return deliveries;
    }

    protected void RespondWith(int status, Action<Microsoft.AspNetCore.Http.HttpResponse>? headers = null, string? body = null) =>
        Receiver.Respond = async (_, context) =>
        {
            context.Response.StatusCode = status;
            headers?.Invoke(context.Response);
            if (body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body);
            }
        };
}
