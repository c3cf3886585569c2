using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Integrations.Registry;

/// <summary>The registry built once from every <c>Add&lt;T&gt;()</c>; immutable afterwards.</summary>
internal sealed class IntegrationRegistry : IIntegrationRegistry
{
    private readonly Dictionary<string, IntegrationTypeDescriptor> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, IntegrationTypeDescriptor> _byType = [];

    public IntegrationRegistry(IOptions<IntegrationRegistryOptions> options)
    {
        var descriptors = options.Value.Registrations.Select(r => new IntegrationTypeDescriptor(r)).ToList();
        var errors = DescribeConflicts(descriptors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Integration types are registered inconsistently: " + string.Join(" ", errors));
        }

        foreach (var d in descriptors)
        {
            _byType[d.Type] = d;
            _byName[d.Slug] = d;
        }

        foreach (var d in descriptors)
        {
            foreach (var legacy in d.LegacyNames)
            {
                _byName.TryAdd(legacy, d);
            }
        }

        Types = descriptors.OrderBy(d => d.Slug, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<IntegrationTypeDescriptor> Types { get; }

    /// <summary>Duplicate slugs, and legacy names that are another type's slug.</summary>
    public static List<string> DescribeConflicts(IReadOnlyList<IntegrationTypeDescriptor> descriptors)
    {
        var errors = new List<string>();
        foreach (var group in descriptors.GroupBy(d => d.Slug, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"The slug '{group.Key}' is used by {string.Join(" and ", group.Select(d => d.Type.FullName))}; give one of them another [IntegrationType(\"…\")].");
        }

        var slugs = descriptors.GroupBy(d => d.Slug, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var d in descriptors)
        {
            foreach (var legacy in d.LegacyNames)
            {
                if (slugs.TryGetValue(legacy, out var other) && other != d)
                {
                    errors.Add($"The legacy name '{legacy}' of {d.Type.FullName} is the slug of {other.Type.FullName}.");
                }
            }
        }

        return errors;
    }

    public bool TryGet(string name, [NotNullWhen(true)] out IntegrationTypeDescriptor? descriptor)
    {
        descriptor = null;
        return name is not null && _byName.TryGetValue(name, out descriptor);
    }

    public bool TryGet(Type type, [NotNullWhen(true)] out IntegrationTypeDescriptor? descriptor) => _byType.TryGetValue(type, out descriptor);

    public IntegrationTypeDescriptor Get(string name) =>
        TryGet(name, out var d)
            ? d
            : throw new UnknownIntegrationTypeException(
                Types.Count == 0
                    ? $"No integration type '{name}' is registered, and no type is registered at all: add them where integrations are configured, for example services.AddIntegrations(…).AddSlack().AddWebhook() or .Add<MyIntegration>()."
                    : $"No integration type '{name}' is registered. Registered: {string.Join(", ", Types.Select(t => t.Slug))}.");

    public Integration Create(string name, IntegrationScope scope) => Prepare(Get(name), scope);

    public TIntegration Create<TIntegration>(IntegrationScope scope)
        where TIntegration : Integration =>
        TryGet(typeof(TIntegration), out var d)
            ? (TIntegration)Prepare(d, scope)
            : throw new UnknownIntegrationTypeException(
                $"{typeof(TIntegration).FullName} is not registered: call services.AddIntegrations().Add<{typeof(TIntegration).Name}>().");

    private static Integration Prepare(IntegrationTypeDescriptor descriptor, IntegrationScope scope)
    {
        var integration = descriptor.CreateInstance();
        integration.Scope = scope;
        return integration;
    }
}
