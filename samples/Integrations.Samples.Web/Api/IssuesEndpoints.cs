using System.Text.Json.Nodes;
using Integrations.Dispatch;
using Integrations.Samples.Web.Data;
using Integrations.Samples.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>GitLab's issue and issue-note routes: list, get, create, edit, close and reopen (<c>state_event</c>), comment.</summary>
internal static class IssuesEndpoints
{
    public static void MapIssues(this RouteGroupBuilder projects)
    {
        projects.MapGet("/issues", async (string id, HttpContext http, ForgeDbContext db) =>
            await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project
                ? ApiResults.NotFound("Project")
                : Paging.Page(http, (await db.Issues.AsNoTracking().Where(i => i.ProjectId == project.Id).OrderByDescending(i => i.Iid).ToListAsync(http.RequestAborted))
                    .Select(i => (JsonNode)Json(i)).ToList()));

        projects.MapGet("/issues/{iid:long}", async (string id, long iid, HttpContext http, ForgeDbContext db) =>
            await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project ? ApiResults.NotFound("Project")
            : await db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.ProjectId == project.Id && i.Iid == iid, http.RequestAborted) is not { } issue ? ApiResults.NotFound("Issue")
            : ApiResults.Json(Json(issue)));

        projects.MapPost("/issues", async (string id, HttpContext http, ForgeDbContext db, NumberingLock numbering, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id, "title");
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;

            var now = time.GetUtcNow();
            var user = http.User();
            var issue = new Issue
            {
                ProjectId = project.Id,
                Title = parameters.Text("title")!.Trim(),
                Description = parameters.Text("description"),
                Confidential = parameters.Boolean("confidential") ?? false,
                Labels = parameters.Text("labels") ?? string.Empty,
                AuthorId = user.Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            await ForgeChanges.SaveNumberedAsync(db, dispatcher, numbering, project.Id, async () =>
            {
                issue.Id = 0;
                issue.Iid = (await db.Issues.Where(i => i.ProjectId == project.Id).MaxAsync(i => (long?)i.Iid, http.RequestAborted) ?? 0) + 1;
                db.Issues.Add(issue);
                await db.SaveChangesAsync(http.RequestAborted);
                return payloads.Issue(issue, "open", user, await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted));
            }, http.RequestAborted);
            return ApiResults.Json(Json(issue), 201);
        });

        projects.MapPut("/issues/{iid:long}", async (string id, long iid, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id);
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;
            if (await db.Issues.SingleOrDefaultAsync(i => i.ProjectId == project.Id && i.Iid == iid, http.RequestAborted) is not { } issue)
            {
                return ApiResults.NotFound("Issue");
            }

            var action = "update";
            switch (parameters.Text("state_event"))
            {
                case null:
                    break;
                case "close":
                    (issue.State, issue.ClosedAt, action) = ("closed", time.GetUtcNow(), "close");
                    break;
                case "reopen":
                    (issue.State, issue.ClosedAt, action) = ("opened", null, "reopen");
                    break;
                default:
                    return ApiResults.Error(400, "state_event does not have a valid value");
            }

            issue.Title = parameters.Text("title")?.Trim() is { Length: > 0 } title ? title : issue.Title;
            issue.Description = parameters.Has("description") ? parameters.Text("description") : issue.Description;
            issue.Labels = parameters.Has("labels") ? parameters.Text("labels") ?? string.Empty : issue.Labels;
            issue.Confidential = parameters.Boolean("confidential") ?? issue.Confidential;
            issue.UpdatedAt = time.GetUtcNow();
            await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
                payloads.Issue(issue, action, http.User(), await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted)), http.RequestAborted);
            return ApiResults.Json(Json(issue));
        });

        projects.MapPost("/issues/{iid:long}/notes", async (string id, long iid, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id);
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;
            if (await db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.ProjectId == project.Id && i.Iid == iid, http.RequestAborted) is not { } issue)
            {
                return ApiResults.NotFound("Issue");
            }

            if (string.IsNullOrWhiteSpace(parameters.Text("body")))
            {
                return ApiResults.Missing("body");
            }

            var user = http.User();
            var note = new Note { ProjectId = project.Id, NoteableType = "Issue", NoteableId = issue.Id, Body = parameters.Text("body")!, AuthorId = user.Id, CreatedAt = time.GetUtcNow() };
            await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
            {
                db.Notes.Add(note);
                await db.SaveChangesAsync(http.RequestAborted);
                return payloads.NoteOnIssue(note, issue, user, await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted));
            }, http.RequestAborted);
            return ApiResults.Json(new JsonObject
            {
                ["id"] = note.Id,
                ["body"] = note.Body,
                ["noteable_type"] = "Issue",
                ["noteable_id"] = issue.Id,
                ["noteable_iid"] = issue.Iid,
                ["author"] = new JsonObject { ["id"] = user.Id, ["username"] = user.Username, ["name"] = user.Name },
                ["created_at"] = ForgeJson.Time(note.CreatedAt),
            }, 201);
        });
    }

    private static JsonObject Json(Issue issue) => new()
    {
        ["id"] = issue.Id,
        ["iid"] = issue.Iid,
        ["project_id"] = issue.ProjectId,
        ["title"] = issue.Title,
        ["description"] = issue.Description,
        ["state"] = issue.State,
        ["confidential"] = issue.Confidential,
        ["labels"] = new JsonArray(issue.Labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => (JsonNode?)l).ToArray()),
        ["created_at"] = ForgeJson.Time(issue.CreatedAt),
        ["updated_at"] = ForgeJson.Time(issue.UpdatedAt),
        ["closed_at"] = issue.ClosedAt is { } closed ? ForgeJson.Time(closed) : null,
    };
}
