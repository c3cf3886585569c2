namespace Integrations.Chat;

/// <summary>How <c>labels_to_be_notified</c> matches (GitLab's <c>labels_to_be_notified_behavior</c>).</summary>
public enum LabelsMatch
{
    /// <summary>The event carries at least one of the labels.</summary>
    MatchAny = 0,

    /// <summary>The event carries all of the labels.</summary>
    MatchAll = 1,
}
