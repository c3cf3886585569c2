using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Events.Payloads;

namespace Integrations.Providers.ServiceNow;

/// <summary>A deployment's change request: opened when the deployment starts, closed with its outcome when it ends.</summary>
internal sealed class ServiceNowChanges(ServiceNowIntegration settings, ServiceNowApi api, ServiceNowRecords records)
{
    /// <summary>The change request state ServiceNow calls Closed.</summary>
    public const string ClosedState = "3";

    /// <summary>The change request state ServiceNow calls Canceled.</summary>
    public const string CanceledState = "4";

    public async Task<IntegrationResult> OnDeploymentAsync(DeploymentEvent deployment, CancellationToken cancellationToken)
    {
        if (!settings.OpensChangeFor(deployment.EnvironmentTier))
        {
            return IntegrationResult.Success($"Deployments to the {deployment.EnvironmentTier} tier do not open change requests.");
        }

        var correlation = ServiceNowCorrelation.For(deployment);
        var (sysId, created, failure) = await records.FindOrCreateAsync(ServiceNowTables.ChangeRequest, correlation, Fields(settings, deployment), cancellationToken)
            .ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var opened = created ? "Opened" : "Found";
        var end = End(deployment);
        if (end is null)
        {
            return IntegrationResult.Success($"{opened} change request {api.RecordUrl(ServiceNowTables.ChangeRequest, sysId!)} for deployment {deployment.DeploymentId}.");
        }

        if (await records.StepDoneAsync(ServiceNowTables.ChangeRequest, correlation, "end", cancellationToken).ConfigureAwait(false))
        {
            return IntegrationResult.Success($"The change request for deployment {deployment.DeploymentId} was closed already.");
        }

        var closed = await api.PatchAsync(ServiceNowApi.Table(ServiceNowTables.ChangeRequest, sysId) + "?sysparm_fields=sys_id", end, cancellationToken).ConfigureAwait(false);
        if (!closed.Ok)
        {
            return closed.Result;
        }

        await records.MarkStepAsync(ServiceNowTables.ChangeRequest, correlation, "end", cancellationToken).ConfigureAwait(false);
        return IntegrationResult.Success(string.Create(CultureInfo.InvariantCulture,
            $"{opened} and closed change request {api.RecordUrl(ServiceNowTables.ChangeRequest, sysId!)}: deployment {deployment.DeploymentId} {deployment.Status}."));
    }

    /// <summary>The fields of a new change request for a deployment.</summary>
    public static JsonObject Fields(ServiceNowIntegration settings, DeploymentEvent deployment)
    {
        var description = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Project: {deployment.Project.PathWithNamespace} ({deployment.Project.WebUrl})\n")
            .Append(CultureInfo.InvariantCulture, $"Environment: {deployment.Environment} ({deployment.EnvironmentTier})\n")
            .Append(CultureInfo.InvariantCulture, $"Ref: {(string.IsNullOrEmpty(deployment.DeployedRef) ? "(not given)" : deployment.DeployedRef)}\n")
            .Append(CultureInfo.InvariantCulture, $"Commit: {deployment.ShortSha} {deployment.CommitTitle} ({deployment.CommitUrl})\n")
            .Append(CultureInfo.InvariantCulture, $"Deployed by: {deployment.User.Name} ({deployment.User.Username})\n");
        if (!string.IsNullOrEmpty(deployment.DeployableUrl))
        {
            description.Append(CultureInfo.InvariantCulture, $"Job: {deployment.DeployableUrl}\n");
        }

        var fields = new JsonObject
        {
            ["short_description"] = Cut(string.Create(CultureInfo.InvariantCulture,
                $"Deploy {deployment.Project.PathWithNamespace} {deployment.ShortSha} to {deployment.Environment}"), 160),
            ["description"] = description.ToString().TrimEnd(),
            ["type"] = settings.ChangeType == ServiceNowChangeType.Emergency ? "emergency" : "normal",
        };
        ServiceNowFields.AddCommon(settings, fields, callerField: "requested_by");
        return fields;
    }

    /// <summary>The update that records a finished deployment, or null while it runs.</summary>
    private static JsonObject? End(DeploymentEvent deployment)
    {
        var what = string.Create(CultureInfo.InvariantCulture, $"Deployment {deployment.DeploymentId} of {deployment.ShortSha} to {deployment.Environment}");
        return deployment.Status switch
        {
            "success" => new JsonObject { ["state"] = ClosedState, ["close_code"] = "successful", ["close_notes"] = $"{what} succeeded." },
            "failed" => new JsonObject { ["state"] = ClosedState, ["close_code"] = "unsuccessful", ["close_notes"] = $"{what} failed." },
            "canceled" => new JsonObject { ["state"] = CanceledState, ["close_notes"] = $"{what} was canceled." },
            _ => null,
        };
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
