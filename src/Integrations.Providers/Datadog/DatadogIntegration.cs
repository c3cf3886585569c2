using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Integrations.Fields;
using Integrations.Webhooks;

namespace Integrations.Providers.Datadog;

/// <summary>
/// Sends pipeline and job events to Datadog CI Visibility through Datadog's webhook intake
/// (<c>https://webhook-intake.{site}/api/v2/webhook</c>), with the API key, service, environment and tags as query
/// parameters, as GitLab's own Datadog integration does. "Test settings" checks the API key with Datadog's
/// <c>GET /api/v1/validate</c>.
/// </summary>
[IntegrationType("datadog")]
public sealed partial class DatadogIntegration : WebhookBackedIntegration
{
    /// <summary>The site used when none is set.</summary>
    public const string DefaultSite = "datadoghq.com";

    /// <inheritdoc />
    public override string Title => "Datadog";

    /// <inheritdoc />
    public override string Description => "Trace your pipelines and jobs with Datadog CI Visibility.";

    /// <inheritdoc />
    public override string? Help => "Create an API key in Datadog under Organization Settings → API Keys.";

    /// <inheritdoc />
    public override IntegrationEvents SupportedEvents => IntegrationEvents.Pipeline | IntegrationEvents.Job;

    /// <summary>The Datadog site, for example <c>datadoghq.com</c> or <c>datadoghq.eu</c>.</summary>
    [Field(FieldType.Text, Title = "Datadog site", Placeholder = DefaultSite, ExposesSecrets = true, Section = FieldSections.Connection,
        Help = "The Datadog site to send data to, for example datadoghq.eu for the EU site. An 'app.' prefix is ignored.")]
    public string? DatadogSite { get => GetProperty<string>() ?? DefaultSite; set => SetProperty(value); }

    /// <summary>The full intake URL, overriding the site (advanced).</summary>
    [Field(FieldType.Text, Title = "API URL", IsUrl = true, ExposesSecrets = true, Section = FieldSections.Connection,
        Help = "(Advanced) The full URL of the webhook intake, when it is not the site's.")]
    public string? ApiUrl { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The Datadog API key.</summary>
    [Field(FieldType.Password, Title = "API key", Required = true, Section = FieldSections.Connection,
        Help = "A Datadog API key (not an application key).",
        NonEmptyPasswordTitle = "Enter a new API key", NonEmptyPasswordHelp = "Leave blank to keep the current API key.")]
    public string? ApiKey { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The service name the pipelines are tagged with.</summary>
    [Field(FieldType.Text, Title = "Service", Placeholder = "gitlab-ci", Section = FieldSections.Configuration,
        Help = "Tags all data with this service name; set a unique one per host instance.")]
    public string? DatadogService { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The environment the pipelines are tagged with.</summary>
    [Field(FieldType.Text, Title = "Environment", Placeholder = "ci", Section = FieldSections.Configuration,
        Help = "Tags all data with this environment name.")]
    public string? DatadogEnv { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Custom tags, one <c>key:value</c> per line.</summary>
    [Field(FieldType.Textarea, Title = "Tags", Placeholder = "tag:value\nanother_tag:value", Section = FieldSections.Configuration,
        Help = "Custom tags, one key:value per line.")]
    public string? DatadogTags { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The site without an <c>app.</c> prefix, or the default.</summary>
    public string Site
    {
        get
        {
            var site = string.IsNullOrWhiteSpace(DatadogSite) ? DefaultSite : DatadogSite.Trim().ToLowerInvariant();
            return site.StartsWith("app.", StringComparison.Ordinal) ? site[4..] : site;
        }
    }

    /// <summary>The tag lines, trimmed, blank lines dropped.</summary>
    public IReadOnlyList<string> Tags => (DatadogTags ?? string.Empty)
        .Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The intake URL with the API key, service, environment and tags as query parameters.</summary>
    public Uri IntakeUrl()
    {
        var root = string.IsNullOrWhiteSpace(ApiUrl) ? $"https://webhook-intake.{Site}/api/v2/webhook" : ApiUrl.Trim();
        var query = new List<string> { "dd-api-key=" + Uri.EscapeDataString(ApiKey ?? string.Empty) };
        if (!string.IsNullOrWhiteSpace(DatadogService))
        {
            query.Add("service=" + Uri.EscapeDataString(DatadogService.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(DatadogEnv))
        {
            query.Add("env=" + Uri.EscapeDataString(DatadogEnv.Trim()));
        }

        if (Tags.Count > 0)
        {
            query.Add("tags=" + Uri.EscapeDataString(string.Join(',', Tags)));
        }

        return new Uri(root + (root.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', query));
    }

    /// <summary>The key check: <c>https://api.{site}/api/v1/validate</c>, or the same path on the API URL's host.</summary>
    public Uri ValidateUrl() => string.IsNullOrWhiteSpace(ApiUrl)
        ? new Uri($"https://api.{Site}/api/v1/validate")
        : new Uri(new Uri(new Uri(ApiUrl.Trim()).GetLeftPart(UriPartial.Authority)), "/api/v1/validate");

    /// <inheritdoc />
    protected override WebhookTarget GetTarget(IntegrationExecutionContext context) => new() { Url = IntakeUrl() };

    /// <summary>Checks the API key with Datadog's validate endpoint instead of sending a sample pipeline.</summary>
    /// <inheritdoc />
    public override async Task<IntegrationResult> TestAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var request = new HttpRequestMessage(HttpMethod.Get, ValidateUrl());
        request.Headers.TryAddWithoutValidation("DD-API-KEY", ApiKey);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await context.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return IntegrationResult.Failure("Datadog refused the API key (403): check that it is an API key of this site, not an application key.");
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return IntegrationResult.FromHttpResponse(response, context.AttemptTime);
        }

        var answer = await response.Content.ReadFromJsonAsync(DatadogJsonContext.Default.ValidateResponse, cancellationToken).ConfigureAwait(false);
        return answer?.Valid == true
            ? IntegrationResult.Success("Datadog accepted the API key.")
            : IntegrationResult.Failure("Datadog did not confirm the API key as valid.");
    }

    internal sealed record ValidateResponse([property: JsonPropertyName("valid")] bool Valid);

    [JsonSerializable(typeof(ValidateResponse))]
    internal sealed partial class DatadogJsonContext : JsonSerializerContext;
}
