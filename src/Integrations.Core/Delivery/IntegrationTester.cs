using System.Text.Json;
using Integrations.Http;
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
        var recorder = new RecordingHandler(_handlers.CreateHandler(IntegrationsHttp.ClientName), options.Delivery.LoggedRequestBodyBytes, options.Network.MaxResponseBodyBytes);
        using var http = new HttpClient(recorder, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(IntegrationsHttp.UserAgent);
        using var payload = JsonDocument.Parse(SamplePayloads.For(kind, project, now));
        var context = new IntegrationExecutionContext(kind, payload.RootElement, project, _services) { IsTest = true, Http = http, AttemptTime = now };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = options.Network.ClampTimeout(integration.Timeout);
        timeout.CancelAfter(limit);
        var started = _time.GetTimestamp();
        IntegrationResult result;
        try
        {
            result = await integration.TestAsync(context, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = IntegrationResult.TransientFailure($"Timed out after {limit.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundRequestRefusedException refused)
        {
            result = IntegrationResult.Failure(refused.Message);
        }
        catch (HttpRequestException ex)
        {
            result = IntegrationResult.TransientFailure("Could not reach the receiver: " + (ex.InnerException?.Message ?? ex.Message));
        }

        var redactor = new DeliveryRedactor(integration);
        var exchange = recorder.Exchanges.LastOrDefault();
        var attempt = exchange is null ? null : new DeliveryAttempt(
            1, now, _time.GetElapsedTime(started), result.Succeeded, exchange.Method, redactor.Url(exchange.Url), redactor.Headers(exchange.RequestHeaders),
            redactor.Body(exchange.RequestBody), exchange.ResponseStatus, exchange.ResponseStatus is null ? null : redactor.Headers(exchange.ResponseHeaders, options.Delivery.LoggedResponseHeaders),
            redactor.Body(exchange.ResponseBody.Length > options.Delivery.LoggedResponseBodyBytes ? exchange.ResponseBody[..options.Delivery.LoggedResponseBodyBytes] : exchange.ResponseBody),
            result.Succeeded ? null : redactor.Text(result.Message));
        var shown = result.Succeeded || result.Message is null ? result : Redacted(result, redactor.Text(result.Message)!);

        if (result.Succeeded && !integration.IsNew)
        {
            await _health.ResetAsync(_db.Context, integration.Id, integration.Type, "A test succeeded.", cancellationToken).ConfigureAwait(false);
        }

        return new IntegrationTestResult(shown, attempt);
    }

    private static IntegrationResult Redacted(IntegrationResult result, string message) =>
        result.IsTransient ? IntegrationResult.TransientFailure(message, result.RetryAfter) : IntegrationResult.Failure(message);
}
