using System.Globalization;
using Integrations.Samples.Web.Api;
using Integrations.Samples.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Ui;

/// <summary>The project, group or instance a settings page is about: its library scope, its name and its pages' base path.</summary>
internal sealed record UiScope(IntegrationScope Scope, string Name, string BasePath, string? ProjectId)
{
    /// <summary>Reads the page's scope from its route; null when the project or group does not exist.</summary>
    public static async Task<UiScope?> FromRouteAsync(HttpContext http, ForgeDbContext db)
    {
        var id = http.GetRouteValue("id") as string;
        var path = http.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/ui/admin/", StringComparison.Ordinal))
        {
            return new UiScope(IntegrationScope.Instance, "the instance", "/ui/admin", null);
        }

        if (path.StartsWith("/ui/groups/", StringComparison.Ordinal) && id is not null && await ForgeScopes.FindGroupAsync(db, id, http.RequestAborted) is { } group)
        {
            var gid = group.Id.ToString(CultureInfo.InvariantCulture);
            return new UiScope(IntegrationScope.Group(group.Id), "group " + group.Name, "/ui/groups/" + gid, null);
        }

        if (path.StartsWith("/ui/projects/", StringComparison.Ordinal) && id is not null && await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is { } project)
        {
            var pid = project.Id.ToString(CultureInfo.InvariantCulture);
            return new UiScope(IntegrationScope.Project(project.Id), "project " + project.Name, "/ui/projects/" + pid, pid);
        }

        return null;
    }

    /// <summary>The page's scope when the signed-in user may see it (the instance's pages are for administrators); else null.</summary>
    public static async Task<UiScope?> ForUserAsync(HttpContext http, ForgeDbContext db) =>
        await FromRouteAsync(http, db) is { } scope && (scope.Scope.Kind != ScopeKind.Instance || http.User().IsAdmin) ? scope : null;

    /// <summary>The answer for a scope or record the user may not see or that does not exist.</summary>
    public static IResult NotFound(HttpContext http) =>
        Html.Page("Not found", http.User().Name, "<h1>Not found</h1><p>No such page, or you may not see it.</p>", 404);

    /// <summary>A scope as people know it: "the instance", "group Platform", "project Billing API".</summary>
    public static async Task<string> DescribeAsync(ForgeDbContext db, IntegrationScope scope, CancellationToken cancellationToken)
    {
        if (scope.Kind == ScopeKind.Instance || !long.TryParse(scope.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return "the instance";
        }

        return scope.Kind == ScopeKind.Group
            ? "group " + (await db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => g.Name).SingleOrDefaultAsync(cancellationToken) ?? scope.Id)
            : "project " + (await db.Projects.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken) ?? scope.Id);
    }
}
