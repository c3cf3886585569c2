using System.Text;

namespace Integrations.Webhooks;

/// <summary>
/// The base of integrations that POST one JSON request per event (GitLab's <c>HasWebHook</c>): webhooks, Jenkins,
/// Datadog, or a host's own. A subclass says where and how to post (<see cref="GetTarget"/>) and, when the receiver
/// wants another shape, the body (<see cref="CreateBody"/>); it inherits GitLab's headers (<c>X-Gitlab-Event</c>,
/// <c>X-Gitlab-Event-UUID</c>, …), the idempotency key, Standard Webhooks and <c>X-Hub-Signature-256</c> signing,
/// the guarded and recorded client (so every attempt is in the delivery log, redacted), and the common mapping of
/// responses to results (429 and 5xx retried, 410 disables).
/// <code>
/// public sealed class BuildServerIntegration : WebhookBackedIntegration
/// {
///     [Field(FieldType.Text, Required = true, IsUrl = true, ExposesSecrets = true)]
///     public string? Url { get => GetProperty&lt;string&gt;(); set => SetProperty(value); }
///
///     [Field(FieldType.Password)]
///     public string? Token { get => GetProperty&lt;string&gt;(); set => SetProperty(value); }
///
///     protected override WebhookTarget GetTarget(IntegrationExecutionContext context) => new() { Url = new Uri(Url!), Token = Token };
/// }
/// </code>
/// </summary>
public abstract class WebhookBackedIntegration : Integration
{
    /// <summary>
    /// Where and how to post this delivery. Throw <see cref="WebhookRequestException"/> when the settings cannot make a
    /// request for this event; the delivery then fails with its message.
    /// </summary>
    /// <param name="context">The delivery.</param>
    protected abstract WebhookTarget GetTarget(IntegrationExecutionContext context);

    /// <summary>
    /// The request body: the event's GitLab-compatible JSON unless overridden. Throw <see cref="WebhookRequestException"/>
    /// when no body can be built for this event; the delivery then fails with its message.
    /// </summary>
    /// <param name="context">The delivery.</param>
    protected virtual ReadOnlyMemory<byte> CreateBody(IntegrationExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Encoding.UTF8.GetBytes(context.Payload.GetRawText());
    }

    /// <summary>
    /// Maps the receiver's answer to a result; <see cref="IntegrationResult.FromHttpResponse"/> unless overridden (a
    /// test that must see exactly 200, an API that reports errors in a 200 body).
    /// </summary>
    /// <param name="response">The response; its body is buffered and may be read.</param>
    /// <param name="context">The delivery.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    protected virtual Task<IntegrationResult> MapResponseAsync(HttpResponseMessage response, IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(IntegrationResult.FromHttpResponse(response, context.AttemptTime));
    }

    /// <summary>Builds the request from <see cref="GetTarget"/> and <see cref="CreateBody"/>, sends it through <see cref="IntegrationExecutionContext.Http"/> and maps the answer.</summary>
    /// <param name="context">The delivery.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    public override async Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ReadOnlyMemory<byte> body;
        WebhookTarget target;
        try
        {
            body = CreateBody(context);
            target = GetTarget(context);
        }
        catch (WebhookRequestException ex)
        {
            return IntegrationResult.Failure(ex.Message);
        }

        var message = new WebhookMessage
        {
            Url = target.Url,
            Body = body,
            Event = context.Event,
            DeliveryId = context.DeliveryId,
            EventId = context.EventId,
            Token = target.Token,
            SigningSecrets = target.SigningSecrets,
            HubSecret = target.HubSecret,
            Authorization = target.Authorization,
            InstanceUrl = context.InstanceUrl,
            Headers = target.Headers,
        };
        using var request = WebhookRequestFactory.Create(message, context.AttemptTime);
        using var response = await context.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await MapResponseAsync(response, context, cancellationToken).ConfigureAwait(false);
    }
}
