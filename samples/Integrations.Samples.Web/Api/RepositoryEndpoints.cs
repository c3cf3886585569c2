using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Integrations.Dispatch;
using Integrations.Events;
using Integrations.Events.Payloads;
using Integrations.Samples.Web.Data;
using Integrations.Samples.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// Pushes without git: GitLab's "create a commit" (<c>POST /projects/:id/repository/commits</c>) moves a branch and
/// raises a push event (the ref is protected when it is the default branch or matches a protected pattern), and
/// "create a tag" (<c>POST /projects/:id/repository/tags</c>) raises a tag push event.
/// </summary>
internal static class RepositoryEndpoints
{
    public static void MapRepository(this RouteGroupBuilder projects)
    {
        projects.MapPost("/repository/commits", async (string id, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads, TimeProvider time) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id, "branch", "commit_message");
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;

            var branch = parameters.Text("branch")!.Trim();
            var message = parameters.Text("commit_message")!;
            var sha = NewSha();
            var now = time.GetUtcNow();
            var user = http.User();
            GitLabCommit? commit = null;
            await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
            {
                var gitLabProject = await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted);
                var name = "refs/heads/" + branch;
                var existing = await db.Refs.SingleOrDefaultAsync(r => r.ProjectId == project.Id && r.Name == name, http.RequestAborted);
                var before = existing?.Sha ?? PushEvent.BlankSha;
                if (existing is null)
                {
                    db.Refs.Add(new GitRef { ProjectId = project.Id, Name = name, Sha = sha });
                }
                else
                {
                    existing.Sha = sha;
                }

                commit = payloads.Commit(gitLabProject, sha, message, user, now);
                return payloads.Push(user, gitLabProject, before, sha, name, [commit], project.IsProtected(branch));
            }, http.RequestAborted);
            return ApiResults.Json(new JsonObject
            {
                ["id"] = sha,
                ["short_id"] = sha[..8],
                ["title"] = commit!.Title,
                ["message"] = message,
                ["author_name"] = user.Name,
                ["created_at"] = ForgeJson.Time(now),
                ["web_url"] = commit.Url,
            }, 201);
        });

        projects.MapPost("/repository/tags", async (string id, HttpContext http, ForgeDbContext db, IIntegrationDispatcher dispatcher, ForgePayloads payloads) =>
        {
            var (request, error) = await ProjectRequest.ReadAsync(http, db, id, "tag_name", "ref");
            if (request is null)
            {
                return error!;
            }

            var (project, parameters) = request;

            var tag = parameters.Text("tag_name")!.Trim();
            var target = await ShaOfAsync(db, project, parameters.Text("ref")!.Trim(), http.RequestAborted);
            if (target is null)
            {
                return ApiResults.Message(400, "Target " + parameters.Text("ref") + " is invalid");
            }

            if (await db.Refs.AnyAsync(r => r.ProjectId == project.Id && r.Name == "refs/tags/" + tag, http.RequestAborted))
            {
                return ApiResults.Message(400, $"Tag {tag} already exists");
            }

            var user = http.User();
            await ForgeChanges.SaveAsync(db, dispatcher, project.Id, async () =>
            {
                db.Refs.Add(new GitRef { ProjectId = project.Id, Name = "refs/tags/" + tag, Sha = target });
                var gitLabProject = await ForgeJson.ProjectAsync(db, payloads, project, http.RequestAborted);
                return payloads.Push(user, gitLabProject, PushEvent.BlankSha, target, "refs/tags/" + tag, [], refProtected: false);
            }, http.RequestAborted);
            return ApiResults.Json(new JsonObject { ["name"] = tag, ["target"] = target, ["protected"] = false }, 201);
        });
    }

    /// <summary>The commit a branch, tag or sha names; a branch that was never pushed points at a made-up root commit.</summary>
    public static async Task<string?> ShaOfAsync(ForgeDbContext db, Project project, string reference, CancellationToken cancellationToken)
    {
        var refs = await db.Refs.AsNoTracking().Where(r => r.ProjectId == project.Id).ToListAsync(cancellationToken);
        return refs.FirstOrDefault(r => r.Name == "refs/heads/" + reference || r.Name == "refs/tags/" + reference || r.Sha == reference)?.Sha
            ?? (reference == project.DefaultBranch ? new string('a', 40) : null);
    }

    private static string NewSha() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
