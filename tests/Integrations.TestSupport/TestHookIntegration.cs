using Integrations.Events;
using Integrations.Fields;
using Integrations.Webhooks;

namespace Integrations.TestSupport;

/// <summary>
/// A webhook-style integration built only from public pieces, as a host's own would be: GitLab headers and signatures
/// from <see cref="WebhookRequestFactory"/>, the recorded client from the context, results from the HTTP response, and a
/// branch filter.
/// </summary>
[IntegrationType("test_hook", AllowMultiplePerScope = true)]
public sealed class TestHookIntegration : Integration
{
    public override IntegrationEvents SupportedEvents => IntegrationEvents.All;

    public override IntegrationEvents DefaultEvents => IntegrationEvents.Push | IntegrationEvents.TagPush | IntegrationEvents.Issue | IntegrationEvents.MergeRequest;

    [Field(FieldType.Text, Required = true, IsUrl = true, ExposesSecrets = true)]
    public string? Url { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Password)]
    public string? Token { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Password)]
    public string? SigningSecret { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Select)]
    public BranchFilterStrategy BranchFilterStrategy { get => GetProperty<BranchFilterStrategy?>() ?? BranchFilterStrategy.AllBranches; set => SetProperty(value); }

    [Field(FieldType.Text)]
    public string? PushEventsBranchFilter { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Number, Min = 1, Max = 60)]
    public int? TimeoutSeconds { get => GetProperty<int?>(); set => SetProperty(value); }

    /// <summary>When set, each run writes its delivery id to the integration's state under <c>last-delivery</c>.</summary>
    [Field(FieldType.Checkbox)]
    public bool RememberLastDelivery { get => GetProperty<bool?>() ?? false; set => SetProperty(value); }

    public override TimeSpan? Timeout => TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null;

    public override bool Accepts(IntegrationEvent @event) => new BranchFilter(BranchFilterStrategy, PushEventsBranchFilter).Accepts(@event);

    public override async Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        var message = new WebhookMessage
        {
            Url = new Uri(Url!),
            Body = System.Text.Encoding.UTF8.GetBytes(context.Payload.GetRawText()),
            Event = context.Event,
            DeliveryId = context.DeliveryId,
            EventId = context.EventId,
            Token = Token,
            SigningSecrets = SigningSecret is null ? [] : [SigningSecret],
        };
        if (RememberLastDelivery)
        {
            await context.State.SetAsync("last-delivery", context.DeliveryId.ToString(), cancellationToken);
        }

        using var request = WebhookRequestFactory.Create(message, context.AttemptTime);
        using var response = await context.Http.SendAsync(request, cancellationToken);
        return IntegrationResult.FromHttpResponse(response, context.AttemptTime);
    }
}
