using System.Diagnostics;
using System.Text.Json;
using Integrations.Diagnostics;
using Integrations.Http;
using Integrations.Inheritance;
using Integrations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Delivery;

/// <summary>Runs one claimed delivery and records its outcome.</summary>
internal sealed class DeliveryProcessor
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IHttpMessageHandlerFactory _handlers;
    private readonly IOptionsMonitor<IntegrationsOptions> _options;
    private readonly TimeProvider _time;
    private readonly IntegrationHealthService _health;
    private readonly IntegrationsTelemetry _telemetry;
    private readonly ILogger<DeliveryProcessor> _logger;

    public DeliveryProcessor(
        IServiceScopeFactory scopes,
        IHttpMessageHandlerFactory handlers,
        IOptionsMonitor<IntegrationsOptions> options,
        TimeProvider time,
        IntegrationHealthService health,
        IntegrationsTelemetry telemetry,
        ILogger<DeliveryProcessor> logger)
    {
        _scopes = scopes;
        _handlers = handlers;
        _options = options;
        _time = time;
        _health = health;
        _telemetry = telemetry;
        _logger = logger;
    }

    public async Task ProcessAsync(DeliveryRecord delivery, string leaseToken, CancellationToken stopping)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            var context = services.GetRequiredService<IIntegrationsDbContextProvider>().Context;
            var options = _options.CurrentValue;
            var project = IntegrationScope.Project(delivery.ProjectId);
            var effective = (await services.GetRequiredService<IIntegrationResolver>().GetEffectiveAsync(project, stopping).ConfigureAwait(false))
                .FirstOrDefault(e => e.IntegrationId == delivery.IntegrationId && e.Type == delivery.IntegrationType);
            if (effective is null || !effective.IsActive)
            {
                await FinishAsync(context, delivery, leaseToken, DeliveryStatus.Dead, delivery.Attempts, null, null,
                    "The integration was removed or deactivated, or no longer applies to this project. Resend the delivery after re-enabling it.", null, stopping).ConfigureAwait(false);
                return;
            }

            var health = await IntegrationHealthService.GetAsync(context, delivery.IntegrationId, stopping).ConfigureAwait(false);
            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            if (health?.PermanentlyDisabled == true)
            {
                await FinishAsync(context, delivery, leaseToken, DeliveryStatus.Dead, delivery.Attempts, null, null,
                    "The integration is disabled after repeated failures (or an HTTP 410). Edit it or run a successful test, then resend.", null, stopping).ConfigureAwait(false);
                return;
            }

            if (health?.DisabledUntil is { } until && until > nowMs)
            {
                Log.DeliveryHeld(_logger, delivery.Id, delivery.IntegrationId, DateTimeOffset.FromUnixTimeMilliseconds(until));
                await FinishAsync(context, delivery, leaseToken, DeliveryStatus.Pending, delivery.Attempts, until, null, delivery.LastError, null, stopping).ConfigureAwait(false);
                return;
            }

            var attemptNumber = delivery.Attempts + 1;
            var (result, exchange, startedAt, elapsed) = await ExecuteAsync(effective.Settings, delivery, attemptNumber, services, options, stopping).ConfigureAwait(false);
            if (result is null)
            {
                // Shutting down: give the delivery back without counting an attempt.
                await FinishAsync(context, delivery, leaseToken, DeliveryStatus.Pending, delivery.Attempts, nowMs, null, delivery.LastError, null, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            var now = _time.GetUtcNow();
            var redactor = new DeliveryRedactor(effective.Settings);
            var error = result.Succeeded ? null : redactor.Text(result.Message ?? "The integration reported a failure.");
            var delay = result.Succeeded || result.IsGone ? null
                : result.IsTransient ? RetrySchedule.NextDelay(options.Delivery, attemptNumber, result.RetryAfter, Random.Shared.NextDouble()) : null;
            var status = result.Succeeded ? DeliveryStatus.Succeeded : delay is null ? DeliveryStatus.Dead : DeliveryStatus.Pending;
            var attempt = AttemptRecord(delivery, attemptNumber, startedAt, elapsed, result, error, exchange, redactor, options.Delivery);

            // The delivery's outcome, its attempt log and the integration's health change commit together.
            IntegrationHealthChange? change = null;
            var recorded = await FinishAsync(context, delivery, leaseToken, status, attemptNumber,
                delay is { } d ? now.Add(d).ToUnixTimeMilliseconds() : null, result.StatusCode, error, attempt, CancellationToken.None,
                async () => change = result.Succeeded
                    ? await _health.RecordSuccessAsync(context, delivery.IntegrationId, delivery.IntegrationType, health, CancellationToken.None).ConfigureAwait(false)
                    : await _health.RecordFailureAsync(context, delivery.IntegrationId, delivery.IntegrationType, health, result.IsGone, error!, CancellationToken.None).ConfigureAwait(false))
                .ConfigureAwait(false);
            if (!recorded)
            {
                return;
            }

            await _health.NotifyAsync(change, CancellationToken.None).ConfigureAwait(false);

            var tags = new TagList { { "integration.type", delivery.IntegrationType } };
            _telemetry.Duration.Record(elapsed.TotalMilliseconds, tags);
            if (result.Succeeded)
            {
                _telemetry.Deliveries.Add(1, new TagList { { "integration.type", delivery.IntegrationType }, { "outcome", "succeeded" } });
                Log.Delivered(_logger, delivery.Id, delivery.EventKind, delivery.IntegrationId, delivery.IntegrationType, attemptNumber, (long)elapsed.TotalMilliseconds);
                return;
            }

            _telemetry.Failures.Add(1, tags);
            if (status == DeliveryStatus.Pending)
            {
                _telemetry.Retries.Add(1, tags);
                _telemetry.Deliveries.Add(1, new TagList { { "integration.type", delivery.IntegrationType }, { "outcome", "retrying" } });
                Log.DeliveryRetrying(_logger, delivery.Id, delivery.EventKind, delivery.IntegrationId, delivery.IntegrationType, attemptNumber, delay!.Value, error!);
            }
            else
            {
                _telemetry.Deliveries.Add(1, new TagList { { "integration.type", delivery.IntegrationType }, { "outcome", "dead" } });
                Log.DeliveryDead(_logger, delivery.Id, delivery.EventKind, delivery.IntegrationId, delivery.IntegrationType, attemptNumber, error!);
            }
        }
    }

    private async Task<(IntegrationResult? Result, HttpExchange? Exchange, long StartedAt, TimeSpan Elapsed)> ExecuteAsync(
        Integration integration, DeliveryRecord delivery, int attemptNumber, IServiceProvider services, IntegrationsOptions options, CancellationToken stopping)
    {
        var recorder = new RecordingHandler(_handlers.CreateHandler(IntegrationsHttp.ClientName), options.Delivery.LoggedRequestBodyBytes, options.Network.MaxResponseBodyBytes);
        using var http = new HttpClient(recorder, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(IntegrationsHttp.UserAgent);
        var timeout = options.Network.ClampTimeout(integration.Timeout);
        using var payload = JsonDocument.Parse(delivery.Payload);
        IntegrationEventNames.TryParse(delivery.EventKind, out var kind);
        var attemptTime = _time.GetUtcNow();
        var context = new IntegrationExecutionContext(kind, payload.RootElement, IntegrationScope.Project(delivery.ProjectId), services)
        {
            DeliveryId = delivery.Id,
            EventId = delivery.EventId,
            AttemptNumber = attemptNumber,
            Http = http,
            AttemptTime = attemptTime,
        };

        using var activity = _telemetry.Source.StartActivity("integrations.deliver", ActivityKind.Producer);
        activity?.SetTag("integration.type", delivery.IntegrationType);
        activity?.SetTag("integration.id", delivery.IntegrationId);
        activity?.SetTag("delivery.id", delivery.Id);
        activity?.SetTag("delivery.attempt", attemptNumber);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeoutSource.CancelAfter(timeout);
        var started = _time.GetTimestamp();
        IntegrationResult result;
        try
        {
            result = await integration.ExecuteAsync(context, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return (null, null, attemptTime.ToUnixTimeMilliseconds(), TimeSpan.Zero);
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
            Log.IntegrationThrew(_logger, ex, delivery.IntegrationId, delivery.IntegrationType, delivery.Id);
            result = IntegrationResult.TransientFailure($"The integration failed: {ex.GetType().Name}: {ex.Message}");
        }

        var elapsed = _time.GetElapsedTime(started);
        activity?.SetStatus(result.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.Succeeded ? null : "delivery failed");
        return (result, recorder.Exchanges.LastOrDefault(), attemptTime.ToUnixTimeMilliseconds(), elapsed);
    }

    private static DeliveryAttemptRecord AttemptRecord(
        DeliveryRecord delivery, int attemptNumber, long startedAt, TimeSpan elapsed, IntegrationResult result, string? error,
        HttpExchange? exchange, DeliveryRedactor redactor, DeliveryOptions options)
    {
        var record = new DeliveryAttemptRecord
        {
            Id = Guid.CreateVersion7(),
            DeliveryId = delivery.Id,
            IntegrationId = delivery.IntegrationId,
            EventKind = delivery.EventKind,
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

    /// <summary>Stores the outcome if this worker still holds the lease; false when another worker took the delivery over.</summary>
    private async Task<bool> FinishAsync(
        DbContext context, DeliveryRecord delivery, string leaseToken, DeliveryStatus status, int attempts, long? nextAttemptAt,
        int? statusCode, string? error, DeliveryAttemptRecord? attempt, CancellationToken cancellationToken, Func<Task>? alsoInTransaction = null)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var completed = status is DeliveryStatus.Succeeded or DeliveryStatus.Dead ? now : (long?)null;
        var next = nextAttemptAt ?? delivery.NextAttemptAt;
        var text = error is { Length: > 2000 } ? error[..2000] : error;
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var updated = await context.Set<DeliveryRecord>()
                .Where(d => d.Id == delivery.Id && d.LeaseOwner == leaseToken)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, status)
                    .SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.LeaseOwner, (string?)null)
                    .SetProperty(d => d.LeaseExpiresAt, (long?)null)
                    .SetProperty(d => d.CompletedAt, completed)
                    .SetProperty(d => d.LastStatusCode, statusCode ?? delivery.LastStatusCode)
                    .SetProperty(d => d.LastError, text), cancellationToken).ConfigureAwait(false);
            if (updated == 0)
            {
                Log.LeaseLost(_logger, delivery.Id);
                return false;
            }

            if (attempt is not null)
            {
                context.Set<DeliveryAttemptRecord>().Add(attempt);
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                context.ChangeTracker.Clear();
            }

            if (alsoInTransaction is not null)
            {
                await alsoInTransaction().ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }
}
