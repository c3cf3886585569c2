namespace Integrations.Inheritance;

/// <summary>The default hierarchy for hosts without groups: every project and group sits directly under the instance.</summary>
internal sealed class NoGroupsScopeHierarchy : IScopeHierarchy
{
    public ValueTask<IReadOnlyList<string>> GetAncestorGroupIdsAsync(IntegrationScope scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>([]);
}
