using System.Text.Json.Serialization;

namespace Integrations.Providers.Jira;

/// <summary>How a "Closes KEY-1" moves the Jira issue.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JiraTransitionMode>))]
public enum JiraTransitionMode
{
    /// <summary>Do not transition issues.</summary>
    Off = 0,

    /// <summary>The first available transition into a status of the "done" category (GitLab's automatic mode).</summary>
    Automatic = 1,

    /// <summary>The transition ids in <see cref="JiraIntegration.TransitionIds"/>, in order, stopping at the first that fails.</summary>
    Custom = 2,
}
