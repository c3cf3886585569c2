using Integrations.Events.Payloads;
using Integrations.Inheritance;
using Integrations.Providers.ServiceNow;

namespace Integrations.Samples.Web.Approvals;

/// <summary>
/// Holds deployments for ServiceNow change approval: when a project's effective ServiceNow integration is active, sends
/// deployment events and opens change requests for the deployment's tier, a new deployment waits (status
/// <c>blocked</c>, as GitLab calls a deployment awaiting approval) until its change request is decided.
/// </summary>
internal sealed class DeploymentGate(IIntegrationResolver resolver, ServiceNowApprovals approvals, ServiceNowApprovalWatcher watcher)
{
    /// <summary>The watcher's reference for a deployment.</summary>
    public static string Reference(long deploymentId) => "deployment:" + deploymentId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The ServiceNow settings that gate this deployment, or null when it may run at once.</summary>
    public async Task<ServiceNowIntegration?> SettingsForAsync(long projectId, DeploymentEvent deployment, CancellationToken cancellationToken)
    {
        var effective = await resolver.GetEffectiveAsync(IntegrationScope.Project(projectId), "servicenow", cancellationToken);
        return effective is { IsActive: true, Settings: ServiceNowIntegration settings }
            && settings.EnabledEvents.HasFlag(IntegrationEvents.Deployment)
            && settings.CreateChangeRequests
            && settings.OpensChangeFor(deployment.EnvironmentTier)
                ? settings
                : null;
    }

    /// <summary>Opens the change request, requests approval and watches it; the deployment records where it waits.</summary>
    public async Task<ServiceNowChange> HoldAsync(ServiceNowIntegration settings, Data.Deployment deployment, DeploymentEvent @event, CancellationToken cancellationToken)
    {
        var change = await approvals.RequestAsync(settings, @event, cancellationToken);
        deployment.ChangeRequestSysId = change.SysId;
        deployment.ChangeRequestUrl = change.Url.ToString();
        watcher.Watch(Reference(deployment.Id), settings, change);
        return change;
    }

    /// <summary>Watches a waiting deployment again (after a restart).</summary>
    public async Task<bool> RewatchAsync(Data.Deployment deployment, DeploymentEvent @event, CancellationToken cancellationToken)
    {
        if (deployment.ChangeRequestSysId is null || await SettingsForAsync(deployment.ProjectId, @event, cancellationToken) is not { } settings)
        {
            return false;
        }

        watcher.Watch(Reference(deployment.Id), settings,
            new ServiceNowChange(deployment.ChangeRequestSysId, null, null, ServiceNowApprovalState.Requested, new Uri(deployment.ChangeRequestUrl!)));
        return true;
    }
}
