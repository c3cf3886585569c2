using System.Diagnostics.CodeAnalysis;

namespace Integrations.Registry;

/// <summary>The registered integration types, by slug, legacy name and class.</summary>
public interface IIntegrationRegistry
{
    /// <summary>Every registered type, ordered by slug.</summary>
    IReadOnlyList<IntegrationTypeDescriptor> Types { get; }

    /// <summary>Finds a type by slug or by a legacy name a stored row may carry.</summary>
    /// <param name="name">A slug (<c>foo_bar</c>) or legacy name (<c>FooBarService</c>).</param>
    /// <param name="descriptor">The type when found.</param>
    bool TryGet(string name, [NotNullWhen(true)] out IntegrationTypeDescriptor? descriptor);

    /// <summary>Finds a type by its class.</summary>
    /// <param name="type">The integration class.</param>
    /// <param name="descriptor">The type when registered.</param>
    bool TryGet(Type type, [NotNullWhen(true)] out IntegrationTypeDescriptor? descriptor);

    /// <summary>Gets a type by slug or legacy name.</summary>
    /// <param name="name">The slug.</param>
    /// <exception cref="UnknownIntegrationTypeException">No such type is registered.</exception>
    IntegrationTypeDescriptor Get(string name);

    /// <summary>Creates a new, unsaved integration of a registered type at a scope.</summary>
    /// <param name="name">The slug.</param>
    /// <param name="scope">Where it will be configured.</param>
    /// <exception cref="UnknownIntegrationTypeException">No such type is registered.</exception>
    Integration Create(string name, IntegrationScope scope);

    /// <summary>Creates a new, unsaved integration of a registered class at a scope.</summary>
    /// <typeparam name="TIntegration">The integration class.</typeparam>
    /// <param name="scope">Where it will be configured.</param>
    /// <exception cref="UnknownIntegrationTypeException">The class is not registered.</exception>
    TIntegration Create<TIntegration>(IntegrationScope scope)
        where TIntegration : Integration;
}
