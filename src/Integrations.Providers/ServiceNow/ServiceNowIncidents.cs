using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Events.Payloads;

namespace Integrations.Providers.ServiceNow;

/// <summary>An alert's incident: opened when the alert fires, in progress when acknowledged, resolved with it.</summary>
internal sealed class ServiceNowIncidents(ServiceNowIntegration settings, ServiceNowApi api, ServiceNowRecords records)
{
    /// <summary>The incident state ServiceNow calls In Progress.</summary>
    public const string InProgressState = "2";

    /// <summary>The incident state ServiceNow calls Resolved.</summary>
    public const string ResolvedState = "6";

    public async Task<IntegrationResult> OnAlertAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        var correlation = ServiceNowCorrelation.For(alert);
        var attributes = alert.ObjectAttributes;
        if (attributes.Status is "resolved" or "ignored")
        {
            var (existing, missing) = await records.FindAsync(ServiceNowTables.Incident, correlation, cancellationToken).ConfigureAwait(false);
            if (missing is not null)
            {
                return missing;
            }

            if (existing is null)
            {
                return IntegrationResult.Success($"No incident was opened for alert {attributes.Url}; nothing to resolve.");
            }

            return await StepAsync(existing, correlation, "resolve", new JsonObject
            {
                ["state"] = ResolvedState,
                ["close_code"] = settings.IncidentCloseCode,
                ["close_notes"] = $"The alert was {attributes.Status} in GitLab: {attributes.Url}",
            }, "Resolved", cancellationToken).ConfigureAwait(false);
        }

        var (sysId, created, failure) = await records.FindOrCreateAsync(ServiceNowTables.Incident, correlation, Fields(alert), cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (attributes.Status == "acknowledged")
        {
            return await StepAsync(sysId!, correlation, "acknowledge", new JsonObject
            {
                ["state"] = InProgressState,
                ["work_notes"] = $"The alert was acknowledged in GitLab: {attributes.Url}",
            }, "Set in progress", cancellationToken).ConfigureAwait(false);
        }

        return IntegrationResult.Success($"{(created ? "Opened" : "Found")} incident {api.RecordUrl(ServiceNowTables.Incident, sysId!)} for alert {attributes.Url}.");
    }

    /// <summary>Urgency and impact (1 high … 3 low) for a GitLab alert severity; ServiceNow derives the priority from both.</summary>
    /// <param name="severity">critical, high, medium, low, info or unknown.</param>
    public static (int Urgency, int Impact) Rate(string? severity) => severity?.ToLowerInvariant() switch
    {
        "critical" => (1, 1),
        "high" => (1, 2),
        "medium" => (2, 2),
        "low" => (2, 3),
        _ => (3, 3),
    };

    private JsonObject Fields(AlertEvent alert)
    {
        var a = alert.ObjectAttributes;
        var (urgency, impact) = Rate(a.Severity);
        var fields = new JsonObject
        {
            ["short_description"] = a.Title.Length <= 160 ? a.Title : a.Title[..159] + "…",
            ["description"] = string.Create(CultureInfo.InvariantCulture,
                $"{a.Title}\nSeverity: {a.Severity}\nStarted: {a.StartedAt:u}\nEvents: {a.Events}\nAlert: {a.Url}"),
            ["urgency"] = urgency.ToString(CultureInfo.InvariantCulture),
            ["impact"] = impact.ToString(CultureInfo.InvariantCulture),
        };
        ServiceNowFields.AddCommon(settings, fields, callerField: "caller_id");
        return fields;
    }

    private async Task<IntegrationResult> StepAsync(string sysId, string correlation, string step, JsonObject update, string done, CancellationToken cancellationToken)
    {
        var url = api.RecordUrl(ServiceNowTables.Incident, sysId);
        if (await records.StepDoneAsync(ServiceNowTables.Incident, correlation, step, cancellationToken).ConfigureAwait(false))
        {
            return IntegrationResult.Success($"{done} incident {url} already.");
        }

        var answer = await api.PatchAsync(ServiceNowApi.Table(ServiceNowTables.Incident, sysId) + "?sysparm_fields=sys_id", update, cancellationToken).ConfigureAwait(false);
        if (!answer.Ok)
        {
            return answer.Result;
        }

        await records.MarkStepAsync(ServiceNowTables.Incident, correlation, step, cancellationToken).ConfigureAwait(false);
        return IntegrationResult.Success($"{done} incident {url}.");
    }
}
