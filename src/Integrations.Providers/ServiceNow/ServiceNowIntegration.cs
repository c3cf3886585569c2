using Integrations.Fields;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.ServiceNow;

/// <summary>
/// ServiceNow through its Table API: a deployment that starts opens a change request, and its end updates the same
/// change request (state and close notes); an alert opens an incident (urgency and impact from its severity) that its
/// resolution resolves. Records carry a <c>correlation_id</c>, and the integration's state remembers them, so a
/// repeated delivery, a retry or another worker never creates a second one. <see cref="ServiceNowApprovals"/> lets the
/// host's deployment flow wait for the change request's approval.
/// </summary>
[IntegrationType("servicenow")]
public sealed class ServiceNowIntegration : Integration
{
    /// <inheritdoc />
    public override string Title => "ServiceNow";

    /// <inheritdoc />
    public override string Description => "Open change requests for deployments and incidents for alerts, and gate deployments on change approval.";

    /// <inheritdoc />
    public override string? Help =>
        "Use an integration user with the itil role (it creates and updates change_request and incident rows). "
        + "OAuth client credentials need ServiceNow Washington DC or later, the system property glide.oauth.inbound.client.credential.grant_type.enabled "
        + "and an OAuth Application User on the OAuth client.";

    /// <inheritdoc />
    public override IntegrationEvents SupportedEvents => IntegrationEvents.Deployment | IntegrationEvents.Alert;

    /// <summary>The instance, such as <c>https://example.service-now.com</c>.</summary>
    [Field(FieldType.Text, Title = "Instance URL", Required = true, IsUrl = true, ExposesSecrets = true, Section = FieldSections.Connection,
        Placeholder = "https://example.service-now.com", Help = "The base URL of the ServiceNow instance.")]
    public string? InstanceUrl { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>How to sign in.</summary>
    [Field(FieldType.Select, Title = "Authentication method", Section = FieldSections.Connection,
        Help = "Basic: a user's name and password. OAuth client credentials: an OAuth application's client id and secret.")]
    public ServiceNowAuthentication Authentication { get => GetProperty<ServiceNowAuthentication?>() ?? ServiceNowAuthentication.Basic; set => SetProperty(value); }

    /// <summary>The user name, with Basic authentication.</summary>
    [Field(FieldType.Text, Title = "Username", Section = FieldSections.Connection, Help = "With Basic authentication: the integration user's name.")]
    public string? Username { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The password, with Basic authentication.</summary>
    [Field(FieldType.Password, Title = "Password", Section = FieldSections.Connection, Help = "With Basic authentication: the integration user's password.",
        NonEmptyPasswordTitle = "Enter a new password", NonEmptyPasswordHelp = "Leave blank to keep the current password.")]
    public string? Password { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The OAuth client id, with OAuth client credentials.</summary>
    [Field(FieldType.Text, Title = "Client ID", Section = FieldSections.Connection, Help = "With OAuth: the client id from System OAuth → Application Registry.")]
    public string? ClientId { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The OAuth client secret, with OAuth client credentials.</summary>
    [Field(FieldType.Password, Title = "Client secret", Section = FieldSections.Connection, Help = "With OAuth: the client secret.",
        NonEmptyPasswordTitle = "Enter a new client secret", NonEmptyPasswordHelp = "Leave blank to keep the current secret.")]
    public string? ClientSecret { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Whether deployments open and close change requests.</summary>
    [Field(FieldType.Checkbox, Title = "Change requests", CheckboxLabel = "Open a change request when a deployment starts, and close it when it ends",
        Section = FieldSections.Configuration, Help = "The change request is closed as successful or unsuccessful, or canceled, with the deployment's outcome.")]
    public bool CreateChangeRequests { get => GetProperty<bool?>() ?? true; set => SetProperty(value); }

    /// <summary>The environment tiers whose deployments open change requests; all when empty.</summary>
    [Field(FieldType.StringList, Title = "Environment tiers", Placeholder = "production, staging", Section = FieldSections.Configuration,
        Help = "Only deployments to these tiers (production, staging, testing, development, other) open change requests. Leave blank for all.")]
    public IReadOnlyList<string>? ChangeEnvironmentTiers { get => GetProperty<List<string>>(); set => SetProperty(value?.ToList()); }

    /// <summary>The change request type.</summary>
    [Field(FieldType.Select, Title = "Change type", Section = FieldSections.Configuration,
        Help = "Normal changes go through your approval policy; emergency changes through the emergency one.")]
    public ServiceNowChangeType ChangeType { get => GetProperty<ServiceNowChangeType?>() ?? ServiceNowChangeType.Normal; set => SetProperty(value); }

    /// <summary>Whether alerts open and resolve incidents.</summary>
    [Field(FieldType.Checkbox, Title = "Incidents", CheckboxLabel = "Open an incident when an alert fires, and resolve it when the alert is resolved",
        Section = FieldSections.Configuration, Help = "Urgency and impact follow the alert's severity; acknowledging the alert sets the incident in progress.")]
    public bool CreateIncidents { get => GetProperty<bool?>() ?? true; set => SetProperty(value); }

    /// <summary>The resolution code of incidents resolved from an alert.</summary>
    [Field(FieldType.Text, Title = "Incident resolution code", Placeholder = "Solution provided", Section = FieldSections.Configuration,
        Help = "The close code ServiceNow requires when an incident is resolved. Older instances use \"Solved (Permanently)\".")]
    public string? IncidentCloseCode { get => GetProperty<string>() ?? "Solution provided"; set => SetProperty(value); }

    /// <summary>The assignment group, by name or sys_id.</summary>
    [Field(FieldType.Text, Title = "Assignment group", Placeholder = "Change Management", Section = FieldSections.Configuration,
        Help = "The group new change requests and incidents are assigned to (name or sys_id).")]
    public string? AssignmentGroup { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The caller of incidents and requester of change requests, by user name or sys_id.</summary>
    [Field(FieldType.Text, Title = "Caller", Placeholder = "gitlab.integration", Section = FieldSections.Configuration,
        Help = "The user named as the incident's caller and the change's requester (user name or sys_id).")]
    public string? Caller { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The category of new records.</summary>
    [Field(FieldType.Text, Title = "Category", Placeholder = "Software", Section = FieldSections.Configuration,
        Help = "The category of new change requests and incidents (a choice value of the table's category field).")]
    public string? Category { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The configuration item of new records, by name or sys_id.</summary>
    [Field(FieldType.Text, Title = "Configuration item", Placeholder = "billing-api", Section = FieldSections.Configuration,
        Help = "The CMDB configuration item the change or incident concerns (name or sys_id).")]
    public string? ConfigurationItem { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Reads one row of each table the settings use, so a missing role, ACL or table shows before the first delivery.</summary>
    /// <inheritdoc />
    public override async Task<IntegrationResult> TestAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var api = Api(context.Http, context.Services, context.AttemptTime);
        var tables = new List<string>();
        if (CreateChangeRequests || !CreateIncidents)
        {
            tables.Add(ServiceNowTables.ChangeRequest);
        }

        if (CreateIncidents)
        {
            tables.Add(ServiceNowTables.Incident);
        }

        foreach (var table in tables)
        {
            var read = await api.GetAsync(ServiceNowApi.Table(table) + "?sysparm_limit=1&sysparm_fields=sys_id", cancellationToken).ConfigureAwait(false);
            if (!read.Ok)
            {
                return read.Result;
            }
        }

        return IntegrationResult.Success($"Connected to ServiceNow at {InstanceUrl}: {string.Join(" and ", tables)} can be read.");
    }

    /// <inheritdoc />
    public override async Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var api = Api(context.Http, context.Services, context.AttemptTime);
        var records = new ServiceNowRecords(api, context.State, context.AttemptTime);
        return context.Event switch
        {
            IntegrationEvents.Deployment when CreateChangeRequests =>
                await new ServiceNowChanges(this, api, records).OnDeploymentAsync(context.GetPayload<Events.Payloads.DeploymentEvent>(), cancellationToken).ConfigureAwait(false),
            IntegrationEvents.Alert when CreateIncidents =>
                await new ServiceNowIncidents(this, api, records).OnAlertAsync(context.GetPayload<Events.Payloads.AlertEvent>(), cancellationToken).ConfigureAwait(false),
            IntegrationEvents.Deployment => IntegrationResult.Skipped("Change requests are turned off."),
            IntegrationEvents.Alert => IntegrationResult.Skipped("Incidents are turned off."),
            _ => IntegrationResult.Skipped($"ServiceNow does nothing for {context.Event} events."),
        };
    }

    /// <summary>Whether a deployment to this tier opens a change request.</summary>
    /// <param name="tier">The environment tier.</param>
    public bool OpensChangeFor(string? tier) =>
        ChangeEnvironmentTiers is not { Count: > 0 } tiers || tiers.Contains(tier ?? "other", StringComparer.OrdinalIgnoreCase);

    /// <summary>The Table API client for these settings.</summary>
    internal ServiceNowApi Api(HttpClient http, IServiceProvider services, DateTimeOffset now) =>
        new(http, this, services.GetService<ServiceNowTokenCache>() ?? new ServiceNowTokenCache(TimeProvider.System), now);
}
