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
        var deployment = await db.Deployments.AsNoTracking().SingleOrDefaultAsync(d => d.ChangeRequestSysId == decision.Change.SysId, cancellationToken);
        if (deployment is not { Status: "blocked" })
        {
            return;
        }

        var project = await db.Projects.SingleAsync(p => p.Id == deployment.ProjectId, cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == deployment.UserId, cancellationToken);
        var status = decision.Change.Approval == ServiceNowApprovalState.Approved ? "running" : "canceled";
        var now = time.GetUtcNow();

        // Only the instance that moves the deployment out of "blocked" raises its event (several may watch it after a
        // restart): a conditional update decides, in the transaction that enqueues the event.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.Deployments.Where(d => d.Id == deployment.Id && d.Status == "blocked")
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, status).SetProperty(d => d.UpdatedAt, now), cancellationToken);
        if (moved == 0)
        {
            return;
        }

        deployment.Status = status;
        deployment.UpdatedAt = now;
        await dispatcher.EnqueueAsync(db, project.Id, payloads.Deployment(deployment, user, await ForgeJson.ProjectAsync(db, payloads, project, cancellationToken)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Moved(logger, deployment.Id, decision.Change.Approval, deployment.Status);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {DeploymentId}: change request {Approval}, deployment {Status}")]
        public static partial void Moved(ILogger logger, long deploymentId, ServiceNowApprovalState approval, string status);
    }
}
