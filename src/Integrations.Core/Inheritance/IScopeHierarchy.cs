namespace Integrations.Inheritance;

/// <summary>
/// The host's group structure, which the framework needs to resolve inheritance. Implement it over the host's own
/// tables and register it with <c>builder.UseScopeHierarchy&lt;T&gt;()</c>. Without one, there are no groups: projects
/// inherit straight from the instance.
/// </summary>
public interface IScopeHierarchy
{
    /// <summary>
    /// The ids of the groups that contain a scope, nearest first: for a project its group, then that group's parent,
    /// and so on; for a group its parents; for the instance none.
    /// </summary>
    /// <param name="scope">A project or group scope.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<IReadOnlyList<string>> GetAncestorGroupIdsAsync(IntegrationScope scope, CancellationToken cancellationToken);
}
