namespace Integrations.Events.Payloads;

/// <summary>A label.</summary>
public sealed record GitLabLabel
{
    /// <summary>The label id.</summary>
    public long Id { get; init; }

    /// <summary>The title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The colour, for example <c>#ff0000</c>.</summary>
    public string Color { get; init; } = "#428bca";

    /// <summary>The project of a project label.</summary>
    public long? ProjectId { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether it is a template.</summary>
    public bool Template { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary><c>ProjectLabel</c> or <c>GroupLabel</c>.</summary>
    public string Type { get; init; } = "ProjectLabel";

    /// <summary>The group of a group label.</summary>
    public long? GroupId { get; init; }
}
