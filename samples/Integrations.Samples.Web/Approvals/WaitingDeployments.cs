using Integrations.Samples.Web.Data;
using Integrations.Samples.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Approvals;

/// <summary>At startup, watches the change requests of deployments still held for approval (the watch list lives in memory).</summary>
internal sealed class WaitingDeployments(IServiceScopeFactory scopes, ILogger<WaitingDeployments> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForgeDbContext>();
        var gate = scope.ServiceProvider.GetRequiredService<DeploymentGate>();
        var payloads = scope.ServiceProvider.GetRequiredService<ForgePayloads>();
        var waiting = await db.Deployments.Where(d => d.Status == "blocked" && d.ChangeRequestSysId != null).ToListAsync(cancellationToken);
        foreach (var deployment in waiting)
        {
            var project = await db.Projects.SingleAsync(p => p.Id == deployment.ProjectId, cancellationToken);
            var user = await db.Users.SingleAsync(u => u.Id == deployment.UserId, cancellationToken);
            var @event = payloads.Deployment(deployment, user, await Api.ForgeJson.ProjectAsync(db, payloads, project, cancellationToken));
            if (!await gate.RewatchAsync(deployment, @event, cancellationToken))
            {
                logger.LogWarning("Deployment {DeploymentId} waits for change request {ChangeRequest}, but the project no longer gates deployments on ServiceNow", deployment.Id, deployment.ChangeRequestUrl);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
