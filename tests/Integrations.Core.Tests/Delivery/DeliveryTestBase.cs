using System.Text;
using Integrations.DeliveryLog;
using Integrations.Dispatch;
using Integrations.Events;
using Integrations.Health;
using Integrations.TestSupport;
using Integrations.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Delivery;

/// <summary>A real database, a real Kestrel receiver on 127.0.0.1 and, once started, the real delivery worker.</summary>
public abstract class DeliveryTestBase(DatabaseKind kind) : DatabaseTests(kind)
{
    protected TestReceiver Receiver { get; private set; } = null!;

    /// <summary>A fresh listener per test (NUnit reuses the fixture object across its tests).</summary>
    protected RecordingHealthListener HealthListener { get; private set; } = new();

    [SetUp]
    public async Task StartReceiverAsync() => Receiver = await TestReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync()
    {
        await Host.StopWorkersAsync();
        await Receiver.DisposeAsync();
    }

    protected override void Configure(IIntegrationsBuilder builder)
    {
        base.Configure(builder);
        builder.Add<TestHookIntegration>();
        HealthListener = new RecordingHealthListener();
        builder.Services.AddSingleton<IIntegrationHealthListener>(HealthListener);
    }

    protected override void ConfigureOptions(IntegrationsOptions options)
    {
        options.Network.AllowedHosts.Add("127.0.0.1");
        options.Delivery.PollInterval = TimeSpan.FromMilliseconds(20);
        options.Delivery.MaxConcurrency = 4;
    }

    protected async Task<TestHookIntegration> SaveHookAsync(IntegrationScope scope, Action<TestHookIntegration>? configure = null)
    {
        var hook = new TestHookIntegration { Scope = scope, Active = true, Url = Receiver.Url("hook").ToString() };
        configure?.Invoke(hook);
        await SaveAsync(hook);
        return hook;
    }

    protected static JsonEvent Push(string gitRef = "refs/heads/main", string extra = "") =>
        new(IntegrationEvents.Push, Encoding.UTF8.GetBytes($"{{\"object_kind\":\"push\",\"event_name\":\"push\",\"ref\":\"{gitRef}\"{extra}}}"), gitRef);

    protected static JsonEvent Event(IntegrationEvents kind) =>
        new(kind, Encoding.UTF8.GetBytes($"{{\"object_kind\":\"{IntegrationEventNames.GetName(kind)}\"}}"));

    protected Task<IReadOnlyList<EnqueuedDelivery>> DispatchAsync(string projectId, IntegrationEvent @event) =>
        Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationDispatcher>().DispatchAsync(projectId, @event));

    protected Task<T> LogAsync<T>(Func<IDeliveryLog, Task<T>> action) =>
        Host.ScopeAsync(sp => action(sp.GetRequiredService<IDeliveryLog>()));

    protected Task<DeliverySummary?> DeliveryAsync(Guid id) => LogAsync(log => log.GetAsync(id));

    /// <summary>Waits (in real time) until the delivery satisfies the condition.</summary>
    protected Task<DeliverySummary> WaitForAsync(Guid id, Func<DeliverySummary, bool> condition, string because, TimeSpan? timeout = null) =>
        Host.WaitForDeliveryAsync(id, condition, because, timeout);

    /// <summary>
    /// Moves the test clock on and wakes the worker, so its next claim pass sees the new time. (Its poll timer runs on
    /// this clock too, but a timer the worker sets just after the advance would wait for the next one.)
    /// </summary>
    protected void AdvanceClock(TimeSpan by) => Host.AdvanceClock(by);

    /// <summary>
    /// Waits until the worker has made a claim pass at or after the test clock's current time and found nothing to do:
    /// everything due by now was sent and recorded. Use it instead of sleeping before asserting that nothing happened.
    /// </summary>
    protected Task WorkerIdleAsync() => Host.WorkerIdleAsync();

    protected Task<DeliverySummary> WaitForStatusAsync(Guid id, DeliveryStatus status, int? attempts = null) =>
        Host.WaitForStatusAsync(id, status, attempts);

    protected void RespondWith(int status, Action<Microsoft.AspNetCore.Http.HttpResponse>? headers = null) =>
        Receiver.Respond = (_, context) =>
        {
            context.Response.StatusCode = status;
            headers?.Invoke(context.Response);
            return Task.CompletedTask;
        };
}

/// <summary>Records health changes as a host's listener would receive them.</summary>
public sealed class RecordingHealthListener : IIntegrationHealthListener
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<IntegrationHealthChange> _changes = new();

    public IReadOnlyCollection<IntegrationHealthChange> Changes => _changes;

    public Task OnHealthChangedAsync(IntegrationHealthChange change, CancellationToken cancellationToken)
    {
        _changes.Enqueue(change);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits (in real time) until the recorded changes satisfy the condition. Listeners hear of a change after its
    /// commit, so a test that has just seen the committed row must wait for the notification rather than assume it.
    /// </summary>
    public async Task<IReadOnlyList<IntegrationHealthChange>> WaitForAsync(Func<IReadOnlyList<IntegrationHealthChange>, bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var changes = _changes.ToArray();
            if (condition(changes))
            {
                return changes;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {because}; the listener heard: {string.Join(", ", changes.Select(c => c.Current.Status))}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> changes have arrived.</summary>
    public Task<IReadOnlyList<IntegrationHealthChange>> WaitForCountAsync(int count) =>
        WaitForAsync(changes => changes.Count >= count, $"{count} change(s) have been heard");
}
