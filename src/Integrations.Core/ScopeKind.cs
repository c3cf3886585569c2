namespace Integrations;

/// <summary>The level an integration is configured at.</summary>
public enum ScopeKind
{
    /// <summary>The whole host installation: the defaults every group and project can inherit.</summary>
    Instance = 0,

    /// <summary>A group (or sub-group) of projects; inherits from parent groups and the instance.</summary>
    Group = 1,

    /// <summary>A single project; inherits from its groups and the instance.</summary>
    Project = 2,
}
