using System.Globalization;
using Integrations.Events.Payloads;
using Integrations.Samples.Web.Data;
using Integrations.Samples.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>Small pieces every domain route uses: times as GitLab writes them, and a project's payload.</summary>
internal static class ForgeJson
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static async Task<GitLabProject> ProjectAsync(ForgeDbContext db, ForgePayloads payloads, Project project, CancellationToken cancellationToken)
    {
        var fullPath = await ForgeScopes.FullPathAsync(db, project, cancellationToken);
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == project.GroupId, cancellationToken);
        return payloads.Project(project, fullPath, group.Name);
    }
}
