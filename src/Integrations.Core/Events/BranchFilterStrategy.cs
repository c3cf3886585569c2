namespace Integrations.Events;

/// <summary>How a push branch filter matches (GitLab's <c>branch_filter_strategy</c>).</summary>
public enum BranchFilterStrategy
{
    /// <summary>Every branch.</summary>
    AllBranches = 0,

    /// <summary>Comma-separated wildcard patterns: <c>main</c>, <c>release/*</c>, <c>*-stable</c>.</summary>
    Wildcard = 1,

    /// <summary>A regular expression, evaluated with a time limit.</summary>
    Regex = 2,
}
