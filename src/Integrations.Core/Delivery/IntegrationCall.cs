using Integrations.Storage;
using Integrations.Http;

namespace Integrations.Delivery;

/// <summary>
/// One call into an integration (a delivery or a test), shared by the worker and "Test settings": a recorded, guarded
/// HTTP client, the integration's clamped timeout, and the same mapping of refusals, timeouts, transport errors and
/// integration bugs to results.
/// </summary>
internal static class IntegrationCall
{
    /// <summary>The result (null when <paramref name="stopping"/> was cancelled) and the last HTTP exchange, if any.</summary>
    public static async Task<(IntegrationResult? Result, HttpExchange? Exchange)> RunAsync(
        IHttpMessageHandlerFactory handlers,
        IntegrationsOptions options,
        Integration integration,
        Func<HttpClient, CancellationToken, Task<IntegrationResult>> call,
        Action<Exception>? onIntegrationException,
        CancellationToken stopping)
    {
        var recorder = new RecordingHandler(handlers.CreateHandler(IntegrationsHttp.ClientName), options.Delivery.LoggedRequestBodyBytes, options.Network.MaxResponseBodyBytes);
        using var http = new HttpClient(recorder, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(IntegrationsHttp.UserAgent);
        if (!string.IsNullOrEmpty(options.InstanceUrl))
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation(Webhooks.WebhookHeaders.GitlabInstance, options.InstanceUrl);
        }

        var timeout = options.Network.ClampTimeout(integration.Timeout);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeoutSource.CancelAfter(timeout);
        IntegrationResult result;
        try
        {
            result = await call(http, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return (null, recorder.Exchanges.LastOrDefault());
        }
        catch (OperationCanceledException)
        {
            result = IntegrationResult.TransientFailure($"Timed out after {timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundRequestRefusedException refused)
        {
            result = IntegrationResult.Failure(refused.Message);
        }
        catch (HttpRequestException ex)
        {
            result = IntegrationResult.TransientFailure("Could not reach the receiver: " + (ex.InnerException?.Message ?? ex.Message));
        }
        catch (Exception ex)
        {
            onIntegrationException?.Invoke(ex);
            result = IntegrationResult.TransientFailure($"The integration failed: {ex.GetType().Name}: {ex.Message}");
        }

        return (result, recorder.Exchanges.LastOrDefault());
    }

    /// <summary>The redacted attempt log row of one call: the one place exchanges are turned into what the log keeps.</summary>
    public static DeliveryAttemptRecord Record(
        Guid deliveryId, Guid integrationId, string eventKind, int attemptNumber, long startedAt, TimeSpan elapsed,
        IntegrationResult result, string? error, HttpExchange? exchange, DeliveryRedactor redactor, DeliveryOptions options)
    {
        var record = new DeliveryAttemptRecord
        {
            Id = Guid.CreateVersion7(),
            DeliveryId = deliveryId,
            IntegrationId = integrationId,
            EventKind = eventKind,
            AttemptNumber = attemptNumber,
            StartedAt = startedAt,
            DurationMs = (int)Math.Min(int.MaxValue, elapsed.TotalMilliseconds),
            Succeeded = result.Succeeded,
            Error = error,
            ResponseStatus = result.StatusCode,
        };

        if (exchange is not null)
        {
            record.RequestMethod = exchange.Method;
            record.RequestUrl = redactor.Url(exchange.Url);
            record.RequestHeaders = redactor.Headers(exchange.RequestHeaders);
            record.RequestBody = redactor.Body(exchange.RequestBody);
            record.ResponseStatus = exchange.ResponseStatus ?? result.StatusCode;
            record.ResponseHeaders = exchange.ResponseStatus is null ? null : redactor.Headers(exchange.ResponseHeaders, options.LoggedResponseHeaders);
            record.ResponseBody = redactor.Body(exchange.ResponseBody.Length > options.LoggedResponseBodyBytes ? exchange.ResponseBody[..options.LoggedResponseBodyBytes] : exchange.ResponseBody);
        }

        return record;
    }
}
