namespace Integrations.Chat;

/// <summary>How a message is coloured: GitLab's good / warning / danger, or neutral.</summary>
public enum ChatTone
{
    /// <summary>Informational (GitLab's <c>#345</c>).</summary>
    Neutral = 0,

    /// <summary>Passed, succeeded, resolved.</summary>
    Good = 1,

    /// <summary>Passed with warnings.</summary>
    Warning = 2,

    /// <summary>Failed, firing.</summary>
    Danger = 3,
}
