namespace Integrations.Chat;

/// <summary>Which branches' pushes, pipelines and deployments chat integrations announce (GitLab's <c>branches_to_be_notified</c>).</summary>
public enum BranchesToBeNotified
{
    /// <summary>The default branch only (GitLab's default).</summary>
    Default = 0,

    /// <summary>Every branch.</summary>
    All = 1,

    /// <summary>Protected branches only.</summary>
    Protected = 2,

    /// <summary>The default branch and protected branches.</summary>
    DefaultAndProtected = 3,
}
