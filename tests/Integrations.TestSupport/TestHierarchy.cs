using System.Collections.Concurrent;
using Integrations.Inheritance;

namespace Integrations.TestSupport;

/// <summary>A host hierarchy the test can rearrange: projects in groups, groups in parent groups.</summary>
public sealed class TestHierarchy : IScopeHierarchy
{
    public ConcurrentDictionary<string, string> ProjectGroup { get; } = new();

    public ConcurrentDictionary<string, string> GroupParent { get; } = new();

    public int Lookups;

    public ValueTask<IReadOnlyList<string>> GetAncestorGroupIdsAsync(IntegrationScope scope, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Lookups);
        var result = new List<string>();
        string? group = scope.Kind switch
        {
            ScopeKind.Project => ProjectGroup.GetValueOrDefault(scope.Id),
            ScopeKind.Group => GroupParent.GetValueOrDefault(scope.Id),
            _ => null,
        };
        while (group is not null)
        {
            result.Add(group);
            group = GroupParent.GetValueOrDefault(group);
        }

        return ValueTask.FromResult<IReadOnlyList<string>>(result);
    }
}
