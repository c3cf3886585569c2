using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Dispatch;
using Integrations.Samples.Web.Data;
using Integrations.Samples.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// The forge's own routes, as GitLab names them, so any GitLab client can drive events: issues (create, edit, close and
/// reopen with <c>state_event</c>), notes on issues, merge requests (create, edit, close, reopen, merge). Each change
/// and its deliveries are committed in one transaction: the library's transactional outbox.
/// </summary>
internal static class DomainEndpoints
{

    public static void MapDomain(this IEndpointRouteBuilder api)
    {
        var projects = api.MapGroup("/projects/{id}").RequireToken();

        projects.MapGet("/issues", async (string id, HttpContext http, ForgeDbContext db) =>
            await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project
                ? ApiResults.NotFound("Project")
                : Paging.Page(http, (await db.Issues.AsNoTracking().Where(i => i.ProjectId == project.Id).OrderByDescending(i => i.Iid).ToListAsync(http.RequestAborted))
                    .Select(i => (JsonNode)IssueJson(i)).ToList()));

        projects.MapGet("/issues/{iid:long}", async (string id, long iid, HttpContext http, ForgeDbContext db) =>
            await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project ? ApiResults.NotFound("Project")
            : await db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.ProjectId == project.Id && i.Iid == iid, http.RequestAborted) is not { } issue ? ApiResults.NotFound("Issue")
            : ApiResults.Json(IssueJson(issue)));

        projects.MapPost("/issues", async (string id, HttpContext http, ForgeDbContext db, NumberingLock numbering, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            if (await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project)
            {
                return ApiResults.NotFound("Project");
            }

            var (parameters, error) = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
            if (parameters is null)
            {
                return error!;
            }

            if (string.IsNullOrWhiteSpace(parameters.Text("title")))
            {
                return ApiResults.Missing("title");
            }

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
            await WithNextIidAsync(db, numbering, async () =>
            {
                issue.Id = 0;
                issue.Iid = (await db.Issues.Where(i => i.ProjectId == project.Id).MaxAsync(i => (long?)i.Iid, http.RequestAborted) ?? 0) + 1;
                db.Issues.Add(issue);
                await db.SaveChangesAsync(http.RequestAborted);
                var gitLabProject = await ProjectPayloadAsync(db, payloads, project, http.RequestAborted);
                await dispatcher.EnqueueAsync(db, project.Id, payloads.Issue(issue, "open", user, gitLabProject), http.RequestAborted);
            }, http.RequestAborted);
            return ApiResults.Json(IssueJson(issue), 201);
        });

        projects.MapPut("/issues/{iid:long}", async (string id, long iid, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            if (await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project)
            {
                return ApiResults.NotFound("Project");
            }

            if (await db.Issues.SingleOrDefaultAsync(i => i.ProjectId == project.Id && i.Iid == iid, http.RequestAborted) is not { } issue)
            {
                return ApiResults.NotFound("Issue");
            }

            var (parameters, error) = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
            if (parameters is null)
            {
                return error!;
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
            await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
            var gitLabProject = await ProjectPayloadAsync(db, payloads, project, http.RequestAborted);
            await dispatcher.EnqueueAsync(db, project.Id, payloads.Issue(issue, action, http.User(), gitLabProject), http.RequestAborted);
            await db.SaveChangesAsync(http.RequestAborted);
            await transaction.CommitAsync(http.RequestAborted);
            return ApiResults.Json(IssueJson(issue));
        });

        projects.MapPost("/issues/{iid:long}/notes", async (string id, long iid, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            if (await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project)
            {
                return ApiResults.NotFound("Project");
            }

            if (await db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.ProjectId == project.Id && i.Iid == iid, http.RequestAborted) is not { } issue)
            {
                return ApiResults.NotFound("Issue");
            }

            var (parameters, error) = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
            if (parameters is null)
            {
                return error!;
            }

            if (string.IsNullOrWhiteSpace(parameters.Text("body")))
            {
                return ApiResults.Missing("body");
            }

            var user = http.User();
            await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
            var note = new Note { ProjectId = project.Id, NoteableType = "Issue", NoteableId = issue.Id, Body = parameters.Text("body")!, AuthorId = user.Id, CreatedAt = time.GetUtcNow() };
            db.Notes.Add(note);
            await db.SaveChangesAsync(http.RequestAborted);
            var gitLabProject = await ProjectPayloadAsync(db, payloads, project, http.RequestAborted);
            await dispatcher.EnqueueAsync(db, project.Id, payloads.NoteOnIssue(note, issue, user, gitLabProject), http.RequestAborted);
            await db.SaveChangesAsync(http.RequestAborted);
            await transaction.CommitAsync(http.RequestAborted);
            return ApiResults.Json(new JsonObject
            {
                ["id"] = note.Id,
                ["body"] = note.Body,
                ["noteable_type"] = "Issue",
                ["noteable_id"] = issue.Id,
                ["noteable_iid"] = issue.Iid,
                ["author"] = new JsonObject { ["id"] = user.Id, ["username"] = user.Username, ["name"] = user.Name },
                ["created_at"] = Time(note.CreatedAt),
            }, 201);
        });

        projects.MapPost("/merge_requests", async (string id, HttpContext http, ForgeDbContext db, NumberingLock numbering, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            if (await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project)
            {
                return ApiResults.NotFound("Project");
            }

            var (parameters, error) = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
            if (parameters is null)
            {
                return error!;
            }

            foreach (var required in new[] { "source_branch", "target_branch", "title" })
            {
                if (string.IsNullOrWhiteSpace(parameters.Text(required)))
                {
                    return ApiResults.Missing(required);
                }
            }

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
            await WithNextIidAsync(db, numbering, async () =>
            {
                mr.Id = 0;
                mr.Iid = (await db.MergeRequests.Where(m => m.ProjectId == project.Id).MaxAsync(m => (long?)m.Iid, http.RequestAborted) ?? 0) + 1;
                db.MergeRequests.Add(mr);
                await db.SaveChangesAsync(http.RequestAborted);
                await dispatcher.EnqueueAsync(db, project.Id, payloads.MergeRequest(mr, "open", user, await ProjectPayloadAsync(db, payloads, project, http.RequestAborted)), http.RequestAborted);
            }, http.RequestAborted);
            return ApiResults.Json(MergeRequestJson(mr), 201);
        });

        projects.MapPut("/merge_requests/{iid:long}", (string id, long iid, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
            ChangeMergeRequestAsync(id, iid, merge: false, http, db, dispatcher, payloads, time));

        projects.MapPut("/merge_requests/{iid:long}/merge", (string id, long iid, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
            ChangeMergeRequestAsync(id, iid, merge: true, http, db, dispatcher, payloads, time));
    }

    private static async Task<IResult> ChangeMergeRequestAsync(string id, long iid, bool merge, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher,
        ForgePayloads payloads, TimeProvider time)
    {
        if (await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project)
        {
            return ApiResults.NotFound("Project");
        }

        if (await db.MergeRequests.SingleOrDefaultAsync(m => m.ProjectId == project.Id && m.Iid == iid, http.RequestAborted) is not { } mr)
        {
            return ApiResults.NotFound("Merge Request");
        }

        var (parameters, error) = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
        if (parameters is null)
        {
            return error!;
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
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        await dispatcher.EnqueueAsync(db, project.Id, payloads.MergeRequest(mr, action, http.User(), await ProjectPayloadAsync(db, payloads, project, http.RequestAborted)), http.RequestAborted);
        await db.SaveChangesAsync(http.RequestAborted);
        await transaction.CommitAsync(http.RequestAborted);
        return ApiResults.Json(MergeRequestJson(mr));
    }

    /// <summary>
    /// Runs <paramref name="create"/> (which numbers the new row max + 1 and enqueues its event) in a transaction, and
    /// commits the row and its deliveries together. Two creates racing for the same number (two requests, or two forge
    /// instances) collide on the unique index; the loser starts again with the next number.
    /// </summary>
    private static async Task WithNextIidAsync(ForgeDbContext db, NumberingLock numbering, Func<Task> create, CancellationToken cancellationToken)
    {
        using var entered = await numbering.EnterAsync(cancellationToken);
        await WithRetriesAsync(db, create, cancellationToken);
    }

    private static async Task WithRetriesAsync(ForgeDbContext db, Func<Task> create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await create();
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 10)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<Integrations.Events.Payloads.GitLabProject> ProjectPayloadAsync(ForgeDbContext db, ForgePayloads payloads, Project project, CancellationToken cancellationToken)
    {
        var fullPath = await ForgeScopes.FullPathAsync(db, project, cancellationToken);
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == project.GroupId, cancellationToken);
        return payloads.Project(project, fullPath, group.Name);
    }

    private static JsonObject IssueJson(Issue issue) => new()
    {
        ["id"] = issue.Id,
        ["iid"] = issue.Iid,
        ["project_id"] = issue.ProjectId,
        ["title"] = issue.Title,
        ["description"] = issue.Description,
        ["state"] = issue.State,
        ["confidential"] = issue.Confidential,
        ["labels"] = new JsonArray(issue.Labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => (JsonNode?)l).ToArray()),
        ["created_at"] = Time(issue.CreatedAt),
        ["updated_at"] = Time(issue.UpdatedAt),
        ["closed_at"] = issue.ClosedAt is { } closed ? Time(closed) : null,
    };

    private static JsonObject MergeRequestJson(MergeRequest mr) => new()
    {
        ["id"] = mr.Id,
        ["iid"] = mr.Iid,
        ["project_id"] = mr.ProjectId,
        ["title"] = mr.Title,
        ["description"] = mr.Description,
        ["state"] = mr.State,
        ["source_branch"] = mr.SourceBranch,
        ["target_branch"] = mr.TargetBranch,
        ["created_at"] = Time(mr.CreatedAt),
        ["updated_at"] = Time(mr.UpdatedAt),
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
