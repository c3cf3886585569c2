namespace Integrations;

/// <summary>The levels an integration type may be configured at.</summary>
[Flags]
public enum IntegrationLevels
{
    /// <summary>No level.</summary>
    None = 0,

    /// <summary>The instance level.</summary>
    Instance = 1,

    /// <summary>The group level.</summary>
    Group = 2,

    /// <summary>The project level.</summary>
    Project = 4,

    /// <summary>Every level (the default).</summary>
    All = Instance | Group | Project,
}
