using Integrations.State;
using System.Text.Json;
using Integrations.DeliveryLog;
using Integrations.Events;
using Integrations.Health;
using Integrations.Http;
using Integrations.Inheritance;
using Integrations.Persistence;
using Integrations.Worker;
using Microsoft.Extensions.Options;

namespace Integrations.TestSettings;

/// <summary>Runs "Test settings" through the same guarded, recorded client as real deliveries.</summary>
internal sealed class IntegrationTester : IIntegrationTester
{
    private readonly IHttpMessageHandlerFactory _handlers;
    private readonly IOptionsMonitor<IntegrationsOptions> _options;
    private readonly TimeProvider _time;
    private readonly IntegrationHealthService _health;
    private readonly IIntegrationsDbContextProvider _db;
    private readonly IIntegrationResolver _resolver;
    private readonly IIntegrationStore _store;
    private readonly IServiceProvider _services;

    public IntegrationTester(
        IHttpMessageHandlerFactory handlers, IOptionsMonitor<IntegrationsOptions> options, TimeProvider time,
        IntegrationHealthService health, IIntegrationsDbContextProvider db, IIntegrationResolver resolver, IIntegrationStore store, IServiceProvider services)
    {
        _handlers = handlers;
        _options = options;
        _time = time;
        _health = health;
        _db = db;
        _resolver = resolver;
        _store = store;
        _services = services;
    }

    public Task<IntegrationTestResult> TestAsync(Integration integration, IntegrationEvents? sampleEvent = null, string? projectId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        var kind = sampleEvent ?? IntegrationEventNames.Split(integration.SupportedEvents).FirstOrDefault();
        if (kind == IntegrationEvents.None || (integration.SupportedEvents & kind) == 0 || !System.Numerics.BitOperations.IsPow2((long)kind))
        {
            return Task.FromResult(Unsupported());
        }

        return RunAsync(integration, SampleEvents.For(kind), projectId, cancellationToken);
    }

    public Task<IntegrationTestResult> TestAsync(Integration integration, IntegrationEvent @event, string? projectId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(@event);
        return (integration.SupportedEvents & @event.Kind) == 0
            ? Task.FromResult(Unsupported())
            : RunAsync(integration, @event, projectId, cancellationToken);
    }

    private async Task<IntegrationTestResult> RunAsync(Integration integration, IntegrationEvent @event, string? projectId, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var effective = (await _resolver.PreviewAsync(integration, cancellationToken).ConfigureAwait(false)).Settings;
        var project = IntegrationScope.Project(projectId ?? (integration.Scope.Kind == ScopeKind.Project ? integration.Scope.Id : "sample"));
        var now = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        using var payload = JsonDocument.Parse(@event.ToJsonUtf8());
        var (outcome, exchange) = await IntegrationCall.RunAsync(_handlers, options, effective, (http, token) =>
        {
            var context = new IntegrationExecutionContext(@event.Kind, payload.RootElement, project, _services)
            {
                IsTest = true,
                Http = http,
                AttemptTime = now,
                InstanceUrl = options.InstanceUrl,
                State = new ScratchIntegrationState(),
            };
            return effective.TestAsync(context, token);
        }, null, _time, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var result = outcome!;
        var redactor = new DeliveryRedactor(effective);
        var error = result.Succeeded ? null : redactor.Text(result.Message);
        var attempt = exchange is null
            ? null
            : DeliveryAttempt.From(AttemptLog.Record(Guid.Empty, integration.Id, IntegrationEventNames.GetName(@event.Kind), 1, now.ToUnixTimeMilliseconds(), _time.GetElapsedTime(started), result, error, exchange, redactor, options.Delivery));
        var shown = result.Succeeded || result.Message is null ? result : result.WithMessage(redactor.Text(result.Message));

        if (result.Succeeded && await TestedTheSavedSettingsAsync(integration, cancellationToken).ConfigureAwait(false))
        {
            await _health.ResetAsync(_db.Context, integration.Id, integration.Type, "A test succeeded.", succeeded: true, cancellationToken).ConfigureAwait(false);
        }

        return new IntegrationTestResult(shown, attempt);
    }

    /// <summary>
    /// Whether the integration tested is the saved one, unchanged: only then does a success prove that what deliveries
    /// use works, and re-enable it. A success with edited values re-enables it when those values are saved.
    /// </summary>
    private async Task<bool> TestedTheSavedSettingsAsync(Integration integration, CancellationToken cancellationToken)
    {
        if (integration.IsNew || integration.HasChanges)
        {
            return false;
        }

        var saved = await _store.GetAsync(integration.Id, cancellationToken).ConfigureAwait(false);
        return saved is not null && saved.Version == integration.Version && saved.Scope == integration.Scope
            && saved.UseDefaultSettings == integration.UseDefaultSettings && saved.InheritedFields.SetEquals(integration.InheritedFields);
    }

    private static IntegrationTestResult Unsupported() =>
        new(IntegrationResult.Failure("Testing is not available for this event: the integration does not support it."), null);
}
