using Integrations.Inheritance;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Data;

/// <summary>Tells the library which groups a project or group sits in, from the forge's tables.</summary>
public sealed class ForgeHierarchy(IServiceScopeFactory scopes) : IScopeHierarchy
{
    public async ValueTask<IReadOnlyList<string>> GetAncestorGroupIdsAsync(IntegrationScope scope, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ForgeDbContext>();
        long? group = scope.Kind switch
        {
            ScopeKind.Project => await db.Projects.Where(p => p.Id == long.Parse(scope.Id!)).Select(p => (long?)p.GroupId).SingleOrDefaultAsync(cancellationToken),
            ScopeKind.Group => await db.Groups.Where(g => g.Id == long.Parse(scope.Id!)).Select(g => g.ParentId).SingleOrDefaultAsync(cancellationToken),
            _ => null,
        };
        var ancestors = new List<string>();
        while (group is { } id && ancestors.Count < 20)
        {
            ancestors.Add(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            group = await db.Groups.Where(g => g.Id == id).Select(g => g.ParentId).SingleOrDefaultAsync(cancellationToken);
        }

        return ancestors;
    }
}
