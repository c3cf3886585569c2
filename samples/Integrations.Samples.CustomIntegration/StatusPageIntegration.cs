using System.Net.Http.Json;
using Integrations.Fields;

namespace Integrations.Samples.CustomIntegration;

/// <summary>
/// The whole custom integration: one class. It posts pipeline and deployment events to a status page's API.
/// Settings are typed properties over the JSON property bag; the [Field] attributes drive the settings form,
/// validation and secret handling.
/// </summary>
public sealed class StatusPageIntegration : Integration
{
    /// <inheritdoc />
    public override string Title => "Status page";

    /// <inheritdoc />
    public override string Description => "Shows pipeline and deployment health on a public status page.";

    /// <inheritdoc />
    public override IntegrationEvents SupportedEvents => IntegrationEvents.Pipeline | IntegrationEvents.Deployment;

    /// <summary>The status page API's base URL. Changing it clears the API key unless it is entered again.</summary>
    [Field(FieldType.Text, Title = "API URL", Required = true, IsUrl = true, ExposesSecrets = true,
        Placeholder = "https://status.example.com/api", Section = FieldSections.Connection)]
    public string? ApiUrl { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The API key: encrypted at rest, never shown back.</summary>
    [Field(FieldType.Password, Title = "API key", Required = true, Section = FieldSections.Connection,
        NonEmptyPasswordTitle = "Enter a new API key", NonEmptyPasswordHelp = "Leave blank to keep the current key.")]
    public string? ApiKey { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The component on the status page that this project's events update.</summary>
    [Field(FieldType.Text, Title = "Component", Placeholder = "api", Section = FieldSections.Configuration)]
    public string? Component { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Whether only failures are reported.</summary>
    [Field(FieldType.Checkbox, CheckboxLabel = "Report failures only", Section = FieldSections.Configuration)]
    public bool FailuresOnly { get => GetProperty<bool?>() ?? false; set => SetProperty(value); }

    /// <inheritdoc />
    public override async Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(ApiUrl!), "incidents"))
        {
            Content = JsonContent.Create(new { component = Component, @event = IntegrationEventNames.GetName(context.Event) }),
        };
        request.Headers.Authorization = new("Bearer", ApiKey);

        // context.Http is the only client to use: it refuses the local network, never follows redirects and records
        // the exchange (redacted) in the delivery log. FromHttpResponse maps 429/5xx to retries, 410 to disabling.
        using var response = await context.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return IntegrationResult.FromHttpResponse(response, context.AttemptTime);
    }
}
