using System.Globalization;
using Integrations.Chat;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Data;

/// <summary>Tells chat integrations a project's default and protected branches, from the forge's own settings.</summary>
public sealed class ForgeBranches(IServiceScopeFactory scopes) : IProjectBranches
{
    public async ValueTask<string?> GetDefaultBranchAsync(string projectId, CancellationToken cancellationToken) =>
        (await FindAsync(projectId, cancellationToken))?.DefaultBranch;

    public async ValueTask<bool> IsProtectedAsync(string projectId, string branch, CancellationToken cancellationToken) =>
        await FindAsync(projectId, cancellationToken) is { } project && project.IsProtected(branch);

    private async Task<Project?> FindAsync(string projectId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(projectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ForgeDbContext>().Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }
}
