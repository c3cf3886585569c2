namespace Integrations;

/// <summary>
/// Where an integration is configured: the instance, a group, or a project. Group and project ids are the host's
/// own identifiers, written as strings so any key type (numbers, GUIDs, slugs) fits.
/// </summary>
public readonly record struct IntegrationScope
{
    private IntegrationScope(ScopeKind kind, string id)
    {
        Kind = kind;
        _id = id;
    }

    private readonly string? _id;

    /// <summary>The instance-level scope.</summary>
    public static IntegrationScope Instance { get; }

    /// <summary>The level of this scope.</summary>
    public ScopeKind Kind { get; }

    /// <summary>The host's id of the group or project; an empty string for the instance.</summary>
    public string Id => _id ?? string.Empty;

    /// <summary>The scope of one group.</summary>
    /// <param name="groupId">The host's group id; not empty.</param>
    public static IntegrationScope Group(string groupId) => new(ScopeKind.Group, RequireId(groupId, nameof(groupId)));

    /// <summary>The scope of one group.</summary>
    /// <param name="groupId">The host's numeric group id.</param>
    public static IntegrationScope Group(long groupId) => Group(groupId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The scope of one project.</summary>
    /// <param name="projectId">The host's project id; not empty.</param>
    public static IntegrationScope Project(string projectId) => new(ScopeKind.Project, RequireId(projectId, nameof(projectId)));

    /// <summary>The scope of one project.</summary>
    /// <param name="projectId">The host's numeric project id.</param>
    public static IntegrationScope Project(long projectId) => Project(projectId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Builds a scope from its stored parts.</summary>
    /// <param name="kind">The level.</param>
    /// <param name="id">The group or project id; ignored for the instance.</param>
    public static IntegrationScope From(ScopeKind kind, string? id) => kind switch
    {
        ScopeKind.Instance => Instance,
        ScopeKind.Group => Group(id!),
        ScopeKind.Project => Project(id!),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown scope kind."),
    };

    /// <summary>The level flag this scope belongs to.</summary>
    public IntegrationLevels Level => Kind switch
    {
        ScopeKind.Group => IntegrationLevels.Group,
        ScopeKind.Project => IntegrationLevels.Project,
        _ => IntegrationLevels.Instance,
    };

    /// <summary><c>instance</c>, <c>group:ID</c> or <c>project:ID</c>.</summary>
    public override string ToString() => Kind switch
    {
        ScopeKind.Group => "group:" + Id,
        ScopeKind.Project => "project:" + Id,
        _ => "instance",
    };

    private static string RequireId(string id, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameterName);
        return id;
    }
}
