using Integrations.Fields;

namespace Integrations.Registry;

/// <summary>One integration type as a catalog (or settings front end) shows it. Serializable to JSON.</summary>
public sealed record IntegrationCatalogEntry
{
    /// <summary>The stable slug.</summary>
    public required string Slug { get; init; }

    /// <summary>The display name.</summary>
    public required string Title { get; init; }

    /// <summary>A one-line description.</summary>
    public required string Description { get; init; }

    /// <summary>Longer help, if any.</summary>
    public string? Help { get; init; }

    /// <summary>The settings fields, in form order.</summary>
    public required IReadOnlyList<IntegrationField> Fields { get; init; }

    /// <summary>The events the type can handle, by name.</summary>
    public required IReadOnlyList<string> SupportedEvents { get; init; }

    /// <summary>The events a new integration is subscribed to, by name.</summary>
    public required IReadOnlyList<string> DefaultEvents { get; init; }

    /// <summary>The levels the type may be configured at: <c>instance</c>, <c>group</c>, <c>project</c>.</summary>
    public required IReadOnlyList<string> Levels { get; init; }

    /// <summary>Whether a scope may hold several integrations of this type.</summary>
    public bool AllowMultiplePerScope { get; init; }

    /// <summary>Whether the instance's allow-list approves the type.</summary>
    public bool IsApproved { get; init; }

    /// <summary>Whether the type's availability predicate (feature flag) allows it now.</summary>
    public bool IsAvailable { get; init; }
}
