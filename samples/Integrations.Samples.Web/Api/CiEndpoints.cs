using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Dispatch;
using Integrations.Events;
using Integrations.Providers.ServiceNow;
using Integrations.Samples.Web.Approvals;
using Integrations.Samples.Web.Data;
using Integrations.Samples.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// Pipelines and deployments. <c>POST /projects/:id/pipeline?ref=main</c> (GitLab's route) starts a pipeline with a
/// build and a test job; <c>POST /projects/:id/pipelines/:pipeline_id/finish</c> with <c>status=success|failed</c>
/// (this sample's own route: GitLab's runners finish jobs) finishes it, raising the pipeline event and one job event
/// per job. <c>POST /projects/:id/deployments</c> and <c>PUT /projects/:id/deployments/:deployment_id</c> are GitLab's.
/// </summary>
internal static class CiEndpoints
{
    public static void MapCi(this RouteGroupBuilder projects)
    {
        projects.MapGet("/pipelines", async (string id, HttpContext http, ForgeDbContext db) =>
            await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project
                ? ApiResults.NotFound("Project")
                : Paging.Page(http, (await db.Pipelines.AsNoTracking().Where(p => p.ProjectId == project.Id).OrderByDescending(p => p.Id).ToListAsync(http.RequestAborted))
                    .Select(p => (JsonNode)Json(p)).ToList()));

        projects.MapGet("/pipelines/{pipelineId:long}", async (string id, long pipelineId, HttpContext http, ForgeDbContext db) =>
            await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project ? ApiResults.NotFound("Project")
            : await db.Pipelines.AsNoTracking().SingleOrDefaultAsync(p => p.ProjectId == project.Id && p.Id == pipelineId, http.RequestAborted) is not { } pipeline ? ApiResults.NotFound("Pipeline")
            : ApiResults.Json(Json(pipeline)));

        projects.MapGet("/deployments", async (string id, HttpContext http, ForgeDbContext db) =>
            await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project
                ? ApiResults.NotFound("Project")
                : Paging.Page(http, (await db.Deployments.AsNoTracking().Where(d => d.ProjectId == project.Id).OrderByDescending(d => d.Id).ToListAsync(http.RequestAborted))
                    .Select(d => (JsonNode)DeploymentJson(d)).ToList()));

        projects.MapGet("/deployments/{deploymentId:long}", async (string id, long deploymentId, HttpContext http, ForgeDbContext db) =>
            await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project
                ? ApiResults.NotFound("Project")
                : await db.Deployments.AsNoTracking().SingleOrDefaultAsync(d => d.ProjectId == project.Id && d.Id == deploymentId, http.RequestAborted) is { } deployment
                    ? ApiResults.Json(DeploymentJson(deployment))
                    : ApiResults.NotFound("Deployment"));

        projects.MapPost("/pipeline", async (string id, HttpContext http, ForgeDbContext db, NumberingLock numbering, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id, "ref");
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;

            var reference = parameters.Text("ref")!.Trim();
            if (await RepositoryEndpoints.ShaOfAsync(db, project, reference, http.RequestAborted) is not { } sha)
            {
                return ApiResults.Message(400, "Reference not found");
            }

            var user = http.User();
            var pipeline = new Pipeline { ProjectId = project.Id, Ref = reference, Sha = sha, UserId = user.Id, CreatedAt = time.GetUtcNow() };
            await ForgeChanges.SaveNumberedAsync(db, dispatcher, numbering, project.Id, async () =>
            {
                pipeline.Id = 0;
                pipeline.Iid = (await db.Pipelines.Where(p => p.ProjectId == project.Id).MaxAsync(p => (long?)p.Iid, http.RequestAborted) ?? 0) + 1;
                db.Pipelines.Add(pipeline);
                await db.SaveChangesAsync(http.RequestAborted);
                return await PipelineEventAsync(db, payloads, project, pipeline, user, http.RequestAborted);
            }, http.RequestAborted);
            return ApiResults.Json(Json(pipeline), 201);
        });

        projects.MapPost("/pipelines/{pipelineId:long}/finish", async (string id, long pipelineId, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id);
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;
            if (await db.Pipelines.SingleOrDefaultAsync(p => p.ProjectId == project.Id && p.Id == pipelineId, http.RequestAborted) is not { } pipeline)
            {
                return ApiResults.NotFound("Pipeline");
            }

            if (parameters.Text("status") is not ("success" or "failed" or "canceled") || pipeline.Status != "running")
            {
                return ApiResults.Error(400, "status must be success, failed or canceled, for a running pipeline");
            }

            pipeline.Status = parameters.Text("status")!;
            pipeline.FinishedAt = time.GetUtcNow();
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == pipeline.UserId, http.RequestAborted);
            await ForgeChanges.SaveAllAsync(db, dispatcher, project.Id, async () =>
            {
                var gitLabProject = await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted);
                var commit = payloads.Commit(gitLabProject, pipeline.Sha, "Pipeline " + pipeline.Iid.ToString(CultureInfo.InvariantCulture), user, pipeline.CreatedAt);
                IReadOnlyList<IntegrationEvent> events = [await PipelineEventAsync(db, payloads, project, pipeline, user, http.RequestAborted),
                    .. Jobs(pipeline).Select(job => payloads.Job(pipeline, job, user, gitLabProject, commit))];
                return events;
            }, http.RequestAborted);

            return ApiResults.Json(Json(pipeline));
        });

        projects.MapPost("/deployments", async (string id, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time,
            DeploymentGate gate) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id);
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;

            foreach (var required in new[] { "environment", "sha", "ref", "tag" })
            {
                if (!parameters.Has(required) || string.IsNullOrWhiteSpace(parameters.Text(required)))
                {
                    return ApiResults.Missing(required);
                }
            }

            var status = parameters.Text("status") ?? "running";
            if (!IsDeploymentStatus(status))
            {
                return ApiResults.Error(400, "status does not have a valid value");
            }

            var user = http.User();
            var deployment = new Deployment
            {
                ProjectId = project.Id, Environment = parameters.Text("environment")!, Ref = parameters.Text("ref")!, Sha = parameters.Text("sha")!,
                Status = status, UserId = user.Id, UpdatedAt = time.GetUtcNow(),
            };
            var gitLabProject = await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted);
            if (status is "created" or "running" && await gate.SettingsForAsync(project.Id, payloads.Deployment(deployment, user, gitLabProject), http.RequestAborted) is { } servicenow)
            {
                // Held for ServiceNow approval: no event yet; the approval handler starts or cancels it.
                deployment.Status = "blocked";
                db.Deployments.Add(deployment);
                await db.SaveChangesAsync(http.RequestAborted);
                try
                {
                    await gate.HoldAsync(servicenow, deployment, payloads.Deployment(deployment, user, gitLabProject), http.RequestAborted);
                }
                catch (Exception ex) when (ex is ServiceNowException or HttpRequestException)
                {
                    db.Deployments.Remove(deployment);
                    await db.SaveChangesAsync(CancellationToken.None);
                    return ApiResults.Message(502, "ServiceNow approval could not be requested: " + ex.Message);
                }

                await db.SaveChangesAsync(CancellationToken.None);
                return ApiResults.Json(DeploymentJson(deployment), 201);
            }

            await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
            {
                db.Deployments.Add(deployment);
                await db.SaveChangesAsync(http.RequestAborted);
                return payloads.Deployment(deployment, user, await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted));
            }, http.RequestAborted);
            return ApiResults.Json(DeploymentJson(deployment), 201);
        });

        projects.MapPut("/deployments/{deploymentId:long}", async (string id, long deploymentId, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id);
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;
            if (await db.Deployments.SingleOrDefaultAsync(d => d.ProjectId == project.Id && d.Id == deploymentId, http.RequestAborted) is not { } deployment)
            {
                return ApiResults.NotFound("Deployment");
            }

            if (parameters.Text("status") is not { } status || !IsDeploymentStatus(status))
            {
                return ApiResults.Missing("status");
            }

            if (deployment.Status == "blocked" && status is "running" or "success" or "failed")
            {
                return ApiResults.Message(409, $"Deployment is waiting for approval of ServiceNow change request {deployment.ChangeRequestUrl}");
            }

            deployment.Status = status;
            deployment.UpdatedAt = time.GetUtcNow();
            var user = http.User();
            await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
                payloads.Deployment(deployment, user, await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted)), http.RequestAborted);
            return ApiResults.Json(DeploymentJson(deployment));
        });
    }

    private static async Task<IntegrationEvent> PipelineEventAsync(ForgeDbContext db, ForgePayloads payloads, Project project, Pipeline pipeline, ForgeUser user, CancellationToken cancellationToken)
    {
        var gitLabProject = await ForgeJson.ProjectAsync(db, payloads, project, cancellationToken);
        var commit = payloads.Commit(gitLabProject, pipeline.Sha, "Pipeline " + pipeline.Iid.ToString(CultureInfo.InvariantCulture), user, pipeline.CreatedAt);
        return payloads.Pipeline(pipeline, Jobs(pipeline), user, gitLabProject, commit);
    }

    /// <summary>The pipeline's two jobs: build passes once the pipeline finished; test carries the pipeline's outcome.</summary>
    private static IReadOnlyList<(long Id, string Stage, string Name, string Status)> Jobs(Pipeline pipeline) =>
    [
        (pipeline.Id * 10 + 1, "build", "build", pipeline.Status == "running" ? "running" : "success"),
        (pipeline.Id * 10 + 2, "test", "test", pipeline.Status == "running" ? "created" : pipeline.Status),
    ];

    private static bool IsDeploymentStatus(string status) => status is "created" or "running" or "success" or "failed" or "canceled" or "blocked";

    private static JsonObject Json(Pipeline pipeline) => new()
    {
        ["id"] = pipeline.Id,
        ["iid"] = pipeline.Iid,
        ["project_id"] = pipeline.ProjectId,
        ["sha"] = pipeline.Sha,
        ["ref"] = pipeline.Ref,
        ["status"] = pipeline.Status,
        ["source"] = "api",
        ["created_at"] = ForgeJson.Time(pipeline.CreatedAt),
        ["finished_at"] = pipeline.FinishedAt is { } finished ? ForgeJson.Time(finished) : null,
    };

    private static JsonObject DeploymentJson(Deployment deployment) => new()
    {
        ["id"] = deployment.Id,
        ["ref"] = deployment.Ref,
        ["sha"] = deployment.Sha,
        ["status"] = deployment.Status,
        ["environment"] = new JsonObject { ["name"] = deployment.Environment },
        ["updated_at"] = ForgeJson.Time(deployment.UpdatedAt),
        ["change_request"] = deployment.ChangeRequestUrl, // extension: the ServiceNow change request a gated deployment waits on
    };
}
