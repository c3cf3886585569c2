using Integrations.Inheritance;

namespace Integrations.Samples.Web.Ui;

/// <summary>Answers whether anything above a scope configures a type, so a page can offer inheritance.</summary>
internal interface IScopeHierarchyReader
{
    Task<bool> AncestorDefinesAsync(IntegrationScope scope, string type, CancellationToken cancellationToken);
}

/// <summary>Looks at the effective settings of the scope's parent (its nearest group, or the instance).</summary>
internal sealed class ScopeHierarchyReader(IScopeHierarchy hierarchy, IIntegrationResolver resolver) : IScopeHierarchyReader
{
    public async Task<bool> AncestorDefinesAsync(IntegrationScope scope, string type, CancellationToken cancellationToken)
    {
        if (scope.Kind == ScopeKind.Instance)
        {
            return false;
        }

        var groups = await hierarchy.GetAncestorGroupIdsAsync(scope, cancellationToken);
        var parent = groups.Count > 0 ? IntegrationScope.Group(groups[0]) : IntegrationScope.Instance;
        return await resolver.GetEffectiveAsync(parent, type, cancellationToken) is not null;
    }
}
