namespace Integrations.Chat;

/// <summary>
/// Tells chat integrations which of a project's branches are the default and protected ones, for "branches to be
/// notified". Register the host's own (<c>services.AddSingleton&lt;IProjectBranches, MyBranches&gt;()</c>); without one the
/// library reads the event: <c>project.default_branch</c> and, for pushes, <c>ref_protected</c>.
/// </summary>
public interface IProjectBranches
{
    /// <summary>The project's default branch, or null when unknown.</summary>
    /// <param name="projectId">The host's project id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<string?> GetDefaultBranchAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Whether a branch of the project is protected.</summary>
    /// <param name="projectId">The host's project id.</param>
    /// <param name="branch">The branch name (not the full ref).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<bool> IsProtectedAsync(string projectId, string branch, CancellationToken cancellationToken);
}
