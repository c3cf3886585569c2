using Integrations.Fields;

namespace Integrations.Registry;

/// <summary>Everything the framework knows about one registered integration type.</summary>
public sealed class IntegrationTypeDescriptor
{
    private readonly Func<Integration> _factory;
    private readonly Func<IServiceProvider, bool>? _isAvailable;

    internal IntegrationTypeDescriptor(IntegrationTypeRegistration registration)
    {
        Type = registration.Type;
        _factory = registration.Factory;
        _isAvailable = registration.Options.IsAvailable;
        Shape = IntegrationTypeShape.For(Type);
        var attribute = (IntegrationTypeAttribute?)Attribute.GetCustomAttribute(Type, typeof(IntegrationTypeAttribute), inherit: false);
        Levels = registration.Options.Levels ?? attribute?.Levels ?? IntegrationLevels.All;
        AllowMultiplePerScope = attribute?.AllowMultiplePerScope ?? false;
        LegacyNames = IntegrationTypeNaming.LegacyNamesFor(Type).Concat(registration.Options.LegacyNames)
            .Where(n => n != Shape.Slug).Distinct(StringComparer.Ordinal).ToArray();

        var prototype = CreateInstance();
        Title = prototype.Title;
        Description = prototype.Description;
        Help = prototype.Help;
        Fields = prototype.Fields;
        SupportedEvents = prototype.SupportedEvents;
        DefaultEvents = prototype.DefaultEvents & prototype.SupportedEvents;
        if (Levels == IntegrationLevels.None)
        {
            throw new InvalidOperationException($"Integration type '{Slug}' ({Type.FullName}) allows no level.");
        }
    }

    /// <summary>The stable slug, for example <c>slack</c>.</summary>
    public string Slug => Shape.Slug;

    /// <summary>The integration class.</summary>
    public Type Type { get; }

    /// <summary>The display name.</summary>
    public string Title { get; }

    /// <summary>A one-line description.</summary>
    public string Description { get; }

    /// <summary>Longer help, if any.</summary>
    public string? Help { get; }

    /// <summary>The settings fields.</summary>
    public IReadOnlyList<IntegrationField> Fields { get; }

    /// <summary>The events the type can handle.</summary>
    public IntegrationEvents SupportedEvents { get; }

    /// <summary>The events a new integration is subscribed to.</summary>
    public IntegrationEvents DefaultEvents { get; }

    /// <summary>The levels the type may be configured at (project-only types have only <see cref="IntegrationLevels.Project"/>).</summary>
    public IntegrationLevels Levels { get; }

    /// <summary>Whether a scope may hold several integrations of this type.</summary>
    public bool AllowMultiplePerScope { get; }

    /// <summary>Older type names stored rows may carry.</summary>
    public IReadOnlyList<string> LegacyNames { get; }

    /// <summary>Every name a stored row of this type may carry: the slug and the legacy names.</summary>
    internal IReadOnlyList<string> StoredNames => [.. LegacyNames, Slug];

    internal IntegrationTypeShape Shape { get; }

    /// <summary>Whether the type is available now (its feature-flag predicate, if any).</summary>
    /// <param name="services">Services for the predicate.</param>
    public bool IsAvailable(IServiceProvider services) => _isAvailable?.Invoke(services) ?? true;

    /// <summary>Creates a new, unsaved integration of this type with its default events.</summary>
    public Integration CreateInstance()
    {
        var integration = _factory();
        if (integration.GetType() != Type)
        {
            throw new InvalidOperationException($"The factory for '{Type.FullName}' created a '{integration.GetType().FullName}'.");
        }

        integration.AttachShape(Shape);
        return integration;
    }
}
