using Integrations.Dispatch;
using Integrations.Providers.ServiceNow;
using Integrations.Samples.Web.Api;
using Integrations.Samples.Web.Data;
using Integrations.Samples.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Approvals;

/// <summary>
/// Starts a held deployment when its change request is approved, cancels it when rejected or cancelled, and raises the
/// deployment event either way (with the change, in one transaction), as GitLab does when a blocked deployment moves on.
/// </summary>
internal sealed partial class DeploymentApprovalHandler(ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time,
    ILogger<DeploymentApprovalHandler> logger) : IServiceNowApprovalHandler
{
    public async Task OnDecidedAsync(ServiceNowApprovalDecision decision, CancellationToken cancellationToken)
    {
        var deployment = await db.Deployments.SingleOrDefaultAsync(d => d.ChangeRequestSysId == decision.Change.SysId, cancellationToken);
        if (deployment is not { Status: "blocked" })
        {
            return;
        }

        var project = await db.Projects.SingleAsync(p => p.Id == deployment.ProjectId, cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == deployment.UserId, cancellationToken);
        deployment.Status = decision.Change.Approval == ServiceNowApprovalState.Approved ? "running" : "canceled";
        deployment.UpdatedAt = time.GetUtcNow();
        await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
            payloads.Deployment(deployment, user, await ForgeJson.ProjectAsync(db, payloads, project, cancellationToken)), cancellationToken);
        Log.Moved(logger, deployment.Id, decision.Change.Approval, deployment.Status);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {DeploymentId}: change request {Approval}, deployment {Status}")]
        public static partial void Moved(ILogger logger, long deploymentId, ServiceNowApprovalState approval, string status);
    }
}
