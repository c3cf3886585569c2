using System.Reflection;
using System.Text.RegularExpressions;

namespace Integrations.Registry;

/// <summary>The slug convention: <c>[IntegrationType("x")]</c>, else <c>FooBarIntegration</c> → <c>foo_bar</c>.</summary>
internal static partial class IntegrationTypeNaming
{
    public static string SlugFor(Type type)
    {
        var attribute = type.GetCustomAttribute<IntegrationTypeAttribute>(inherit: false);
        if (attribute is not null)
        {
            if (!IsValidSlug(attribute.Slug))
            {
                throw new InvalidOperationException(
                    $"'{attribute.Slug}' on {type.FullName} is not a valid integration slug: use lower-case letters, digits and underscores, starting with a letter.");
            }

            return attribute.Slug;
        }

        return SnakeCase.Convert(BaseName(type));
    }

    /// <summary>The class name without a trailing "Integration".</summary>
    public static string BaseName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        return name.Length > "Integration".Length && name.EndsWith("Integration", StringComparison.Ordinal)
            ? name[..^"Integration".Length]
            : name;
    }

    /// <summary>Names stored rows may carry for this type, besides its slug.</summary>
    public static IEnumerable<string> LegacyNamesFor(Type type)
    {
        var baseName = BaseName(type);
        yield return baseName + "Service";
        yield return "Integrations::" + baseName;
        yield return type.Name;
        var attribute = type.GetCustomAttribute<IntegrationTypeAttribute>(inherit: false);
        foreach (var legacy in attribute?.LegacyNames ?? [])
        {
            yield return legacy;
        }
    }

    public static bool IsValidSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
