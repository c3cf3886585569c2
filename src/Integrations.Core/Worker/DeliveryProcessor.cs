using Integrations.State;
using System.Diagnostics;
using System.Text.Json;
using Integrations.Diagnostics;
using Integrations.Health;
using Integrations.Http;
using Integrations.Inheritance;
using Integrations.Persistence;
using Integrations.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Worker;

/// <summary>Runs one claimed delivery and records its outcome.</summary>
internal sealed class DeliveryProcessor
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IHttpMessageHandlerFactory _handlers;
    private readonly IOptionsMonitor<IntegrationsOptions> _options;
    private readonly TimeProvider _time;
    private readonly IntegrationHealthService _health;
    private readonly OutcomeWriter _outcomes;
    private readonly IntegrationsTelemetry _telemetry;
    private readonly ILogger<DeliveryProcessor> _logger;

    private readonly IntegrationStateFactory _state;

    public DeliveryProcessor(
        IServiceScopeFactory scopes,
        IHttpMessageHandlerFactory handlers,
        IOptionsMonitor<IntegrationsOptions> options,
        TimeProvider time,
        IntegrationHealthService health,
        OutcomeWriter outcomes,
        IntegrationsTelemetry telemetry,
        ILogger<DeliveryProcessor> logger,
        IntegrationStateFactory state)
    {
        _state = state;
        _scopes = scopes;
        _handlers = handlers;
        _options = options;
        _time = time;
        _health = health;
        _outcomes = outcomes;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>Runs the delivery and records its outcome.</summary>
    /// <param name="delivery">The claimed delivery.</param>
    /// <param name="payload">The event's payload JSON (null if its row is missing).</param>
    /// <param name="leaseToken">The claim's lease token; the outcome is stored only while it still holds.</param>
    /// <param name="callOver">Called once the integration call is over, before the outcome is committed.</param>
    /// <param name="stopping">Cancelled when the worker stops.</param>
    public async Task ProcessAsync(DeliveryRecord delivery, string? payload, string leaseToken, Action callOver, CancellationToken stopping)
    {
        if (payload is null)
        {
            await FinishAsync(callOver, delivery, leaseToken, DeliveryStatus.Dead, delivery.Attempts, null,
                "The event's payload is missing from the payloads table, so the delivery cannot be sent.").ConfigureAwait(false);
            return;
        }

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
                var why = await WhyNotDeliverableAsync(services, delivery, effective, stopping).ConfigureAwait(false);
                await FinishAsync(callOver, delivery, leaseToken, DeliveryStatus.Dead, delivery.Attempts, null, why).ConfigureAwait(false);
                return;
            }

            var health = await _health.GetCachedAsync(context, delivery.IntegrationId, stopping).ConfigureAwait(false);
            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            if (health?.PermanentlyDisabled == true)
            {
                await FinishAsync(callOver, delivery, leaseToken, DeliveryStatus.Dead, delivery.Attempts, null,
                    "The integration is disabled after repeated failures (or an HTTP 410). Edit it or run a successful test, then resend.").ConfigureAwait(false);
                return;
            }

            if (HoldEnd(health) is { } until && until > nowMs)
            {
                Log.DeliveryHeld(_logger, delivery.Id, delivery.IntegrationId, Log.Iso(DateTimeOffset.FromUnixTimeMilliseconds(until)));
                await FinishAsync(callOver, delivery, leaseToken, DeliveryStatus.Pending, delivery.Attempts, until, delivery.LastError).ConfigureAwait(false);
                return;
            }

            var attemptNumber = delivery.Attempts + 1;
            var (result, exchange, startedAt, elapsed) = await ExecuteAsync(effective.Settings, delivery, payload, attemptNumber, services, options, stopping).ConfigureAwait(false);
            callOver();
            if (result is null)
            {
                // Shutting down: give the delivery back without counting an attempt.
                await FinishAsync(callOver, delivery, leaseToken, DeliveryStatus.Pending, delivery.Attempts, nowMs, delivery.LastError).ConfigureAwait(false);
                return;
            }

            var now = _time.GetUtcNow();
            var redactor = new DeliveryRedactor(effective.Settings);
            if (result.IsSkipped)
            {
                await SkipAsync(delivery, leaseToken, attemptNumber, startedAt, elapsed, result, exchange, redactor, options, payload).ConfigureAwait(false);
                return;
            }

            var error = result.Succeeded ? null : redactor.Text(result.Message ?? "The integration reported a failure.");
            var delay = result.Succeeded || result.IsGone ? null
                : result.IsTransient ? RetrySchedule.NextDelay(options.Delivery, attemptNumber, result.RetryAfter, Random.Shared.NextDouble()) : null;
            var status = result.Succeeded ? DeliveryStatus.Succeeded : delay is null ? DeliveryStatus.Dead : DeliveryStatus.Pending;
            var attempt = AttemptLog.Record(delivery.Id, delivery.IntegrationId, delivery.EventKind, attemptNumber, startedAt, elapsed, result, error, exchange, redactor, options.Delivery, payload);

            // The delivery's outcome, its attempt log and the integration's health change commit together, in one
            // transaction with the outcomes of other deliveries finishing at the same time.
            var stored = await _outcomes.WriteAsync(new DeliveryOutcome(
                delivery, leaseToken, status, attemptNumber, delay is { } d ? now.Add(d).ToUnixTimeMilliseconds() : null, result.StatusCode, error, attempt,
                HealthOf(result, FinishedAt(startedAt, elapsed), error, delay, options.Delivery))).ConfigureAwait(false);
            if (!stored.Recorded)
            {
                Log.LeaseLost(_logger, delivery.Id);
                return;
            }

            await _health.NotifyAsync(stored.Change, CancellationToken.None).ConfigureAwait(false);

            var tags = new TagList { { "integration.type", delivery.IntegrationType } };
            _telemetry.Duration.Record(elapsed.TotalSeconds, tags);
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
        Integration integration, DeliveryRecord delivery, string payloadJson, int attemptNumber, IServiceProvider services, IntegrationsOptions options, CancellationToken stopping)
    {
        using var payload = JsonDocument.Parse(payloadJson);
        IntegrationEventNames.TryParse(delivery.EventKind, out var kind);
        var attemptTime = _time.GetUtcNow();

        using var activity = _telemetry.Source.StartActivity("integrations.deliver", ActivityKind.Producer);
        activity?.SetTag("integration.type", delivery.IntegrationType);
        activity?.SetTag("integration.id", delivery.IntegrationId);
        activity?.SetTag("delivery.id", delivery.Id);
        activity?.SetTag("delivery.attempt", attemptNumber);

        var started = _time.GetTimestamp();
        var (result, exchange) = await IntegrationCall.RunAsync(_handlers, options, integration, (http, token) => integration.ExecuteAsync(
            new IntegrationExecutionContext(kind, payload.RootElement, IntegrationScope.Project(delivery.ProjectId), services)
            {
                DeliveryId = delivery.Id,
                EventId = delivery.EventId,
                AttemptNumber = attemptNumber,
                Http = http,
                AttemptTime = attemptTime,
                InstanceUrl = options.InstanceUrl,
                State = _state.For(delivery.IntegrationId),
            }, token), ex => Log.IntegrationThrew(_logger, ex, delivery.IntegrationId, delivery.IntegrationType, delivery.Id), _time, stopping).ConfigureAwait(false);
        if (result is null)
        {
            return (null, null, attemptTime.ToUnixTimeMilliseconds(), TimeSpan.Zero);
        }

        var elapsed = _time.GetElapsedTime(started);
        activity?.SetStatus(result.Succeeded || result.IsSkipped ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.Succeeded || result.IsSkipped ? null : "delivery failed");
        return (result, exchange, attemptTime.ToUnixTimeMilliseconds(), elapsed);
    }

    /// <summary>The real reason a delivery's integration cannot run for its project (read only on this rare path).</summary>
    private static async Task<string> WhyNotDeliverableAsync(IServiceProvider services, DeliveryRecord delivery, EffectiveIntegration? effective, CancellationToken cancellationToken)
    {
        const string Then = " Resend the delivery once that is fixed.";
        if (effective is not null)
        {
            return effective.Settings.Active
                ? $"The '{effective.Type}' integration type is not approved or not available on this instance." + Then
                : "The integration is deactivated." + Then;
        }

        try
        {
            var row = await services.GetRequiredService<IIntegrationStore>().GetAsync(delivery.IntegrationId, cancellationToken).ConfigureAwait(false);
            return row is null
                ? "The integration was removed."
                : !row.Active ? "The integration is deactivated." + Then
                : "The integration no longer applies to this project (it is overridden there, or the project moved to another group)." + Then;
        }
        catch (BrokenIntegrationException ex)
        {
            return "The integration's stored settings cannot be read: " + (ex.Broken?.Reason ?? ex.Message) + " Save the integration again." + Then;
        }
    }

    /// <summary>The end of a disable or of a hold the receiver asked for, whichever is later.</summary>
    private static long? HoldEnd(IntegrationHealthRecord? health) =>
        health is null ? null : Math.Max(health.DisabledUntil ?? 0, health.HeldUntil ?? 0) is var end && end > 0 ? end : null;

    /// <summary>When an attempt finished (Unix ms): its start plus its duration, as its attempt log entry records them, so
    /// the health rule and the log agree on the order in which attempts finished.</summary>
    private static long FinishedAt(long startedAt, TimeSpan elapsed) => startedAt + (long)Math.Min(int.MaxValue, elapsed.TotalMilliseconds);

    /// <summary>What an attempt's result means for the integration's health.</summary>
    private static HealthObservation HealthOf(IntegrationResult result, long finishedAt, string? error, TimeSpan? delay, DeliveryOptions options)
    {
        if (result.Succeeded)
        {
            return new HealthObservation(HealthEffect.Success, finishedAt);
        }

        if (result.IsGone)
        {
            return new HealthObservation(HealthEffect.Gone, finishedAt, error);
        }

        if (result.IsThrottled)
        {
            var wait = delay ?? RetrySchedule.Clamp(options, result.RetryAfter ?? options.RetrySchedule.FirstOrDefault(TimeSpan.FromSeconds(5)));
            return new HealthObservation(HealthEffect.Throttled, finishedAt, error, finishedAt + (long)wait.TotalMilliseconds);
        }

        return new HealthObservation(HealthEffect.Failure, finishedAt, error);
    }

    /// <summary>
    /// Records a delivery the integration decided not to send: skipped with its reason, not retried, nothing for health.
    /// An attempt is logged (and counted) only if the integration made a request before deciding.
    /// </summary>
    private async Task SkipAsync(DeliveryRecord delivery, string leaseToken, int attemptNumber, long startedAt, TimeSpan elapsed, IntegrationResult result,
        HttpExchange? exchange, DeliveryRedactor redactor, IntegrationsOptions options, string payload)
    {
        var reason = redactor.Text(result.Message) ?? "The integration sent nothing.";
        var attempt = exchange is null ? null
            : AttemptLog.Record(delivery.Id, delivery.IntegrationId, delivery.EventKind, attemptNumber, startedAt, elapsed, result, reason, exchange, redactor, options.Delivery, payload);
        var stored = await _outcomes.WriteAsync(new DeliveryOutcome(delivery, leaseToken, DeliveryStatus.Skipped, attempt is null ? delivery.Attempts : attemptNumber,
            null, result.StatusCode, reason, attempt, HealthObservation.None)).ConfigureAwait(false);
        if (!stored.Recorded)
        {
            Log.LeaseLost(_logger, delivery.Id);
            return;
        }

        _telemetry.Deliveries.Add(1, new TagList { { "integration.type", delivery.IntegrationType }, { "outcome", "skipped" } });
        Log.DeliverySkipped(_logger, delivery.Id, delivery.EventKind, delivery.IntegrationId, delivery.IntegrationType, reason);
    }

    /// <summary>Stores an outcome that made no attempt (dead, held or given back) if this worker still holds the lease.</summary>
    private async Task FinishAsync(Action callOver, DeliveryRecord delivery, string leaseToken, DeliveryStatus status, int attempts, long? nextAttemptAt, string? error)
    {
        callOver();
        var stored = await _outcomes.WriteAsync(new DeliveryOutcome(delivery, leaseToken, status, attempts, nextAttemptAt, null, error, null, HealthObservation.None)).ConfigureAwait(false);
        if (!stored.Recorded)
        {
            Log.LeaseLost(_logger, delivery.Id);
        }
    }
}
