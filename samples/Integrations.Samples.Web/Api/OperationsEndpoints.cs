using System.Text.Json.Nodes;
using Integrations.Dispatch;
using Integrations.Samples.Web.Data;
using Integrations.Samples.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// Wiki pages and releases through GitLab's routes (<c>POST /projects/:id/wikis</c>, <c>PUT /projects/:id/wikis/:slug</c>,
/// <c>POST /projects/:id/releases</c>), and alerts through this sample's own (<c>POST /projects/:id/alerts</c>,
/// <c>PUT /projects/:id/alerts/:alert_iid</c> with <c>status=resolved</c>): GitLab creates alerts from monitoring
/// integrations rather than a REST route.
/// </summary>
internal static class OperationsEndpoints
{
    public static void MapOperations(this RouteGroupBuilder projects)
    {
        projects.MapPost("/wikis", async (string id, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id, "title", "content");
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;

            var title = parameters.Text("title")!.Trim();
            var page = new WikiPage { ProjectId = project.Id, Title = title, Slug = Slug(title), Content = parameters.Text("content")!, Format = parameters.Text("format") ?? "markdown" };
            if (await db.WikiPages.AnyAsync(w => w.ProjectId == project.Id && w.Slug == page.Slug, http.RequestAborted))
            {
                return ApiResults.Message(400, "Duplicate page: A page with that title already exists");
            }

            await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
            {
                db.WikiPages.Add(page);
                return payloads.WikiPage(page, "create", http.User(), await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted));
            }, http.RequestAborted);
            return ApiResults.Json(WikiJson(page), 201);
        });

        projects.MapPut("/wikis/{slug}", async (string id, string slug, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id);
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;
            if (await db.WikiPages.SingleOrDefaultAsync(w => w.ProjectId == project.Id && w.Slug == slug, http.RequestAborted) is not { } page)
            {
                return ApiResults.NotFound("Wiki Page");
            }

            page.Content = parameters.Text("content") ?? page.Content;
            page.Title = parameters.Text("title")?.Trim() is { Length: > 0 } title ? title : page.Title;
            await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
                payloads.WikiPage(page, "update", http.User(), await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted)), http.RequestAborted);
            return ApiResults.Json(WikiJson(page));
        });

        projects.MapPost("/releases", async (string id, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id, "tag_name");
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;

            var tag = parameters.Text("tag_name")!.Trim();
            if (await RepositoryEndpoints.ShaOfAsync(db, project, tag, http.RequestAborted) is not { } sha)
            {
                return ApiResults.Message(422, "Ref is not specified");
            }

            if (await db.Releases.AnyAsync(r => r.ProjectId == project.Id && r.TagName == tag, http.RequestAborted))
            {
                return ApiResults.Message(409, "Release already exists");
            }

            var user = http.User();
            var release = new Release { ProjectId = project.Id, TagName = tag, Name = parameters.Text("name") ?? tag, Description = parameters.Text("description"), CreatedAt = time.GetUtcNow() };
            await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
            {
                db.Releases.Add(release);
                await db.SaveChangesAsync(http.RequestAborted);
                var gitLabProject = await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted);
                return payloads.Release(release, gitLabProject, payloads.Commit(gitLabProject, sha, "Release " + tag, user, release.CreatedAt));
            }, http.RequestAborted);
            return ApiResults.Json(new JsonObject
            {
                ["tag_name"] = release.TagName,
                ["name"] = release.Name,
                ["description"] = release.Description,
                ["created_at"] = ForgeJson.Time(release.CreatedAt),
                ["released_at"] = ForgeJson.Time(release.CreatedAt),
            }, 201);
        });

        projects.MapPost("/alerts", async (string id, HttpContext http, ForgeDbContext db, NumberingLock numbering, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id, "title");
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;

            var severity = parameters.Text("severity") ?? "critical";
            if (severity is not ("critical" or "high" or "medium" or "low" or "info" or "unknown"))
            {
                return ApiResults.Error(400, "severity does not have a valid value");
            }

            var alert = new Alert { ProjectId = project.Id, Title = parameters.Text("title")!.Trim(), Severity = severity, StartedAt = time.GetUtcNow() };
            await ForgeChanges.SaveNumberedAsync(db, dispatcher, numbering, project.Id, async () =>
            {
                alert.Id = 0;
                alert.Iid = (await db.Alerts.Where(a => a.ProjectId == project.Id).MaxAsync(a => (long?)a.Iid, http.RequestAborted) ?? 0) + 1;
                db.Alerts.Add(alert);
                return payloads.Alert(alert, await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted));
            }, http.RequestAborted);
            return ApiResults.Json(AlertJson(alert), 201);
        });

        projects.MapPut("/alerts/{iid:long}", async (string id, long iid, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id);
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;
            if (await db.Alerts.SingleOrDefaultAsync(a => a.ProjectId == project.Id && a.Iid == iid, http.RequestAborted) is not { } alert)
            {
                return ApiResults.NotFound("Alert");
            }

            var status = parameters.Text("status");
            if (status is not ("triggered" or "acknowledged" or "resolved" or "ignored"))
            {
                return ApiResults.Error(400, "status does not have a valid value");
            }

            alert.Status = status;
            await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
                payloads.Alert(alert, await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted)), http.RequestAborted);
            return ApiResults.Json(AlertJson(alert));
        });
    }

    private static string Slug(string title) => string.Join('-', title.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static JsonObject WikiJson(WikiPage page) => new()
    {
        ["slug"] = page.Slug,
        ["title"] = page.Title,
        ["content"] = page.Content,
        ["format"] = page.Format,
    };

    private static JsonObject AlertJson(Alert alert) => new()
    {
        ["iid"] = alert.Iid,
        ["title"] = alert.Title,
        ["severity"] = alert.Severity,
        ["status"] = alert.Status,
        ["started_at"] = ForgeJson.Time(alert.StartedAt),
    };
}
