namespace Integrations;

/// <summary>
/// Names an integration type and states where it may be used. Optional: without it, <c>FooBarIntegration</c> is
/// <c>foo_bar</c>, allowed at every level, one per scope.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class IntegrationTypeAttribute : Attribute
{
    /// <summary>Names the type.</summary>
    /// <param name="slug">The stable slug stored in the database and used in APIs: lower-case letters, digits and underscores.</param>
    public IntegrationTypeAttribute(string slug) => Slug = slug;

    /// <summary>The stable slug.</summary>
    public string Slug { get; }

    /// <summary>
    /// Earlier type names that stored rows may still carry (for example <c>FooService</c>); they are read as this
    /// type. <c>{ClassNameWithoutIntegration}Service</c> and <c>Integrations::{Name}</c> are always recognised.
    /// </summary>
    public string[] LegacyNames { get; set; } = [];

    /// <summary>The levels the type may be configured at; <see cref="IntegrationLevels.All"/> by default.</summary>
    public IntegrationLevels Levels { get; set; } = IntegrationLevels.All;

    /// <summary>Whether a scope may hold several integrations of this type (webhooks); false by default.</summary>
    public bool AllowMultiplePerScope { get; set; }
}
