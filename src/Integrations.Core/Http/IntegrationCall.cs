
namespace Integrations.Http;

/// <summary>
/// One call into an integration (a delivery or a test), shared by the worker and "Test settings": a recorded, guarded
/// HTTP client, the integration's clamped timeout, and the same mapping of refusals, timeouts, transport errors and
/// integration bugs to results. The timeout runs on the injected <see cref="TimeProvider"/>.
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
        TimeProvider time,
        CancellationToken stopping)
    {
        var recorder = new RecordingHandler(handlers.CreateHandler(integration.VerifiesServerCertificate ? IntegrationsHttp.ClientName : IntegrationsHttp.UnverifiedTlsClientName), options.Delivery.LoggedRequestBodyBytes, options.Network.MaxResponseBodyBytes);
        using var http = new HttpClient(recorder, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(options.Network.EffectiveUserAgent);
        if (!string.IsNullOrEmpty(options.InstanceUrl))
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation(Webhooks.WebhookHeaders.GitlabInstance, options.InstanceUrl);
        }

        var timeout = options.Network.ClampTimeout(integration.Timeout);
        // The timeout runs on the injected clock, like every other wait of the library, so a test's fake clock decides it.
        using var timer = new CancellationTokenSource(timeout, time);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(stopping, timer.Token);
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
}
