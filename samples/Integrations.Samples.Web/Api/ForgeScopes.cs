using System.Globalization;
using Integrations.Samples.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>Finds projects and groups by id or URL-encoded full path (<c>acme%2Fplatform%2Fbilling-api</c>), as GitLab's routes take them.</summary>
internal static class ForgeScopes
{
    public static async Task<Project?> FindProjectAsync(ForgeDbContext db, string idOrPath, CancellationToken cancellationToken)
    {
        if (long.TryParse(idOrPath, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        }

        var path = Uri.UnescapeDataString(idOrPath);
        var slash = path.LastIndexOf('/');
        if (slash <= 0 || await FindGroupByPathAsync(db, path[..slash], cancellationToken) is not { } group)
        {
            return null;
        }

        var name = path[(slash + 1)..];
        return await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.GroupId == group.Id && p.Path == name, cancellationToken);
    }

    public static async Task<Group?> FindGroupAsync(ForgeDbContext db, string idOrPath, CancellationToken cancellationToken) =>
        long.TryParse(idOrPath, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellationToken)
            : await FindGroupByPathAsync(db, Uri.UnescapeDataString(idOrPath), cancellationToken);

    public static async Task<string> FullPathAsync(ForgeDbContext db, Project project, CancellationToken cancellationToken)
    {
        var parts = new List<string> { project.Path };
        long? groupId = project.GroupId;
        while (groupId is { } gid && await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == gid, cancellationToken) is { } group)
        {
            parts.Insert(0, group.Path);
            groupId = group.ParentId;
        }

        return string.Join('/', parts);
    }

    private static async Task<Group?> FindGroupByPathAsync(ForgeDbContext db, string path, CancellationToken cancellationToken)
    {
        Group? current = null;
        foreach (var segment in path.Split('/'))
        {
            var parentId = current?.Id;
            current = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Path == segment && g.ParentId == parentId, cancellationToken);
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }
}
