using Integrations.Http;
using Integrations.Storage;

namespace Integrations.Worker;

/// <summary>Turns one call into the attempt log row: the one place an exchange becomes what the log keeps, redacted.</summary>
internal static class AttemptLog
{
    /// <summary>The redacted attempt log row of one call: the one place exchanges are turned into what the log keeps.</summary>
    public static DeliveryAttemptRecord Record(
        Guid deliveryId, Guid integrationId, string eventKind, int attemptNumber, long startedAt, TimeSpan elapsed,
        IntegrationResult result, string? error, HttpExchange? exchange, DeliveryRedactor redactor, DeliveryOptions options, string? payload = null)
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
            if (payload is not null && string.Equals(record.RequestBody, payload, StringComparison.Ordinal))
            {
                // A webhook sends the payload as it is: the payload row already holds it, so it is not written twice.
                record.RequestBody = null;
                record.RequestBodyIsPayload = true;
            }
            record.ResponseStatus = exchange.ResponseStatus ?? result.StatusCode;
            record.ResponseHeaders = exchange.ResponseStatus is null ? null : redactor.Headers(exchange.ResponseHeaders, options.LoggedResponseHeaders);
            record.ResponseBody = redactor.Body(exchange.ResponseBody.Length > options.LoggedResponseBodyBytes ? exchange.ResponseBody[..options.LoggedResponseBodyBytes] : exchange.ResponseBody);
        }

        return record;
    }
}
