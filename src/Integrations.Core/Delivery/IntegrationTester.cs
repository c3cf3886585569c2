using System.Text.Json;
using Integrations.Persistence;
using Microsoft.Extensions.Options;

namespace Integrations.Delivery;

/// <summary>Runs "Test settings" through the same guarded, recorded client as real deliveries.</summary>
internal sealed class IntegrationTester : IIntegrationTester
{
    private readonly IHttpMessageHandlerFactory _handlers;
    private readonly IOptionsMonitor<IntegrationsOptions> _options;
    private readonly TimeProvider _time;
    private readonly IntegrationHealthService _health;
    private readonly IIntegrationsDbContextProvider _db;
    private readonly IServiceProvider _services;

    public IntegrationTester(
        IHttpMessageHandlerFactory handlers, IOptionsMonitor<IntegrationsOptions> options, TimeProvider time,
        IntegrationHealthService health, IIntegrationsDbContextProvider db, IServiceProvider services)
    {
        _handlers = handlers;
        _options = options;
        _time = time;
        _health = health;
        _db = db;
        _services = services;
    }

    public async Task<IntegrationTestResult> TestAsync(Integration integration, IntegrationEvents? sampleEvent = null, string? projectId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        var kind = sampleEvent ?? IntegrationEventNames.Split(integration.SupportedEvents).FirstOrDefault();
        if (kind == IntegrationEvents.None || (integration.SupportedEvents & kind) == 0)
        {
            return new IntegrationTestResult(IntegrationResult.Failure("Testing is not available for this event: the integration does not support it."), null);
        }

        var options = _options.CurrentValue;
        var project = IntegrationScope.Project(projectId ?? (integration.Scope.Kind == ScopeKind.Project ? integration.Scope.Id : "sample"));
        var now = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var (outcome, exchange) = await IntegrationCall.RunAsync(_handlers, options, integration, (http, token) =>
        {
            using var payload = JsonDocument.Parse(SamplePayloads.For(kind, project, now));
            var context = new IntegrationExecutionContext(kind, payload.RootElement.Clone(), project, _services) { IsTest = true, Http = http, AttemptTime = now, InstanceUrl = options.InstanceUrl };
            return integration.TestAsync(context, token);
        }, null, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var result = outcome!;
        var redactor = new DeliveryRedactor(integration);
        var error = result.Succeeded ? null : redactor.Text(result.Message);
        var attempt = exchange is null
            ? null
            : DeliveryAttempt.From(IntegrationCall.Record(Guid.Empty, integration.Id, IntegrationEventNames.GetName(kind), 1, now.ToUnixTimeMilliseconds(), _time.GetElapsedTime(started), result, error, exchange, redactor, options.Delivery));
        var shown = result.Succeeded || result.Message is null ? result : result.WithMessage(redactor.Text(result.Message));

        if (result.Succeeded && !integration.IsNew)
        {
            await _health.ResetAsync(_db.Context, integration.Id, integration.Type, "A test succeeded.", succeeded: true, cancellationToken).ConfigureAwait(false);
        }

        return new IntegrationTestResult(shown, attempt);
    }
}
