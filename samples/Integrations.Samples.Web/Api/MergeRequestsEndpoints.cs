using System.Text.Json.Nodes;
using Integrations.Dispatch;
using Integrations.Samples.Web.Data;
using Integrations.Samples.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>GitLab's merge request routes: create, edit, close and reopen (<c>state_event</c>), merge.</summary>
internal static class MergeRequestsEndpoints
{
    public static void MapMergeRequests(this RouteGroupBuilder projects)
    {
        projects.MapGet("/merge_requests", async (string id, HttpContext http, ForgeDbContext db) =>
            await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project
                ? ApiResults.NotFound("Project")
                : Paging.Page(http, (await db.MergeRequests.AsNoTracking().Where(m => m.ProjectId == project.Id).OrderByDescending(m => m.Iid).ToListAsync(http.RequestAborted))
                    .Select(m => (JsonNode)Json(m)).ToList()));

        projects.MapGet("/merge_requests/{iid:long}", async (string id, long iid, HttpContext http, ForgeDbContext db) =>
            await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project ? ApiResults.NotFound("Project")
            : await db.MergeRequests.AsNoTracking().SingleOrDefaultAsync(m => m.ProjectId == project.Id && m.Iid == iid, http.RequestAborted) is not { } mr ? ApiResults.NotFound("Merge Request")
            : ApiResults.Json(Json(mr)));

        projects.MapPost("/merge_requests", async (string id, HttpContext http, ForgeDbContext db, NumberingLock numbering, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id, "source_branch", "target_branch", "title");
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;

            var now = time.GetUtcNow();
            var user = http.User();
            var mr = new MergeRequest
            {
                ProjectId = project.Id,
                Title = parameters.Text("title")!.Trim(),
                Description = parameters.Text("description"),
                SourceBranch = parameters.Text("source_branch")!,
                TargetBranch = parameters.Text("target_branch")!,
                AuthorId = user.Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            await ForgeChanges.SaveNumberedAsync(db, dispatcher, numbering, project.Id, async () =>
            {
                mr.Id = 0;
                mr.Iid = (await db.MergeRequests.Where(m => m.ProjectId == project.Id).MaxAsync(m => (long?)m.Iid, http.RequestAborted) ?? 0) + 1;
                db.MergeRequests.Add(mr);
                await db.SaveChangesAsync(http.RequestAborted);
                return payloads.MergeRequest(mr, "open", user, await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted));
            }, http.RequestAborted);
            return ApiResults.Json(Json(mr), 201);
        });

        projects.MapPut("/merge_requests/{iid:long}", (string id, long iid, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
            ChangeAsync(id, iid, merge: false, http, db, dispatcher, payloads, time));

        projects.MapPut("/merge_requests/{iid:long}/merge", (string id, long iid, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
            ChangeAsync(id, iid, merge: true, http, db, dispatcher, payloads, time));
    }

    private static async Task<IResult> ChangeAsync(string id, long iid, bool merge, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher,
        ForgePayloads payloads, TimeProvider time)
    {
        var (request, error) = await ProjectRequest.ReadAsync(http, db, id);
        if (request is null)
        {
            return error!;
        }

        var (project, parameters) = request;
        if (await db.MergeRequests.SingleOrDefaultAsync(m => m.ProjectId == project.Id && m.Iid == iid, http.RequestAborted) is not { } mr)
        {
            return ApiResults.NotFound("Merge Request");
        }

        string action;
        if (merge)
        {
            if (mr.State != "opened")
            {
                return ApiResults.Message(405, "405 Method Not Allowed");
            }

            (mr.State, action) = ("merged", "merge");
        }
        else
        {
            switch (parameters.Text("state_event"))
            {
                case null:
                    action = "update";
                    break;
                case "close":
                    (mr.State, action) = ("closed", "close");
                    break;
                case "reopen":
                    (mr.State, action) = ("opened", "reopen");
                    break;
                default:
                    return ApiResults.Error(400, "state_event does not have a valid value");
            }

            mr.Title = parameters.Text("title")?.Trim() is { Length: > 0 } title ? title : mr.Title;
            mr.Description = parameters.Has("description") ? parameters.Text("description") : mr.Description;
        }

        mr.UpdatedAt = time.GetUtcNow();
        await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
            payloads.MergeRequest(mr, action, http.User(), await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted)), http.RequestAborted);
        return ApiResults.Json(Json(mr));
    }

    private static JsonObject Json(MergeRequest mr) => new()
    {
        ["id"] = mr.Id,
        ["iid"] = mr.Iid,
        ["project_id"] = mr.ProjectId,
        ["title"] = mr.Title,
        ["description"] = mr.Description,
        ["state"] = mr.State,
        ["source_branch"] = mr.SourceBranch,
        ["target_branch"] = mr.TargetBranch,
        ["created_at"] = ForgeJson.Time(mr.CreatedAt),
        ["updated_at"] = ForgeJson.Time(mr.UpdatedAt),
    };
}
