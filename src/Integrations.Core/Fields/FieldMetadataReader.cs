using System.Reflection;

namespace Integrations.Fields;

/// <summary>Builds <see cref="IntegrationField"/>s from the <see cref="FieldAttribute"/>s of an integration type.</summary>
internal static class FieldMetadataReader
{
    public static IReadOnlyList<IntegrationField> Read(Type integrationType)
    {
        var fields = new List<IntegrationField>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in OrderedProperties(integrationType))
        {
            var attribute = property.GetCustomAttribute<FieldAttribute>(inherit: true);
            if (attribute is null)
            {
                continue;
            }

            var name = attribute.Name ?? SnakeCase.Convert(property.Name);
            if (!seen.Add(name))
            {
                throw new InvalidOperationException(
                    $"Integration type '{integrationType.FullName}' declares the field '{name}' twice.");
            }

            fields.Add(new IntegrationField(name, attribute.Type)
            {
                Title = attribute.Title ?? Humanize(name),
                Placeholder = attribute.Placeholder,
                Help = attribute.Help,
                Required = attribute.Required,
                CheckboxLabel = attribute.CheckboxLabel,
                Choices = ChoicesFor(attribute, property.PropertyType),
                NonEmptyPasswordTitle = attribute.NonEmptyPasswordTitle,
                NonEmptyPasswordHelp = attribute.NonEmptyPasswordHelp,
                Section = attribute.Section,
                ApiOnly = attribute.ApiOnly,
                IsSecret = attribute.IsSecret,
                ExposesSecrets = attribute.ExposesSecrets,
                IsUrl = attribute.IsUrl,
                Min = double.IsNaN(attribute.Min) ? null : attribute.Min,
                Max = double.IsNaN(attribute.Max) ? null : attribute.Max,
            });
        }

        return fields;
    }

    /// <summary>"webhook_url" → "Webhook url".</summary>
    public static string Humanize(string name)
    {
        var words = name.Replace('_', ' ').Trim();
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static IReadOnlyList<FieldChoice> ChoicesFor(FieldAttribute attribute, Type propertyType)
    {
        if (attribute.Choices is { Length: > 0 } choices)
        {
            return choices.Select(c => new FieldChoice(c, Humanize(c))).ToArray();
        }

        var enumType = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (attribute.Type == FieldType.Select && enumType.IsEnum)
        {
            return Enum.GetNames(enumType)
                .Select(n => SnakeCase.Convert(n))
                .Select(v => new FieldChoice(v, Humanize(v)))
                .ToArray();
        }

        return [];
    }

    // Base-class properties first, then the derived type's, each in declaration order.
    private static IEnumerable<PropertyInfo> OrderedProperties(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(Integration); t = t.BaseType)
        {
            chain.Push(t);
        }

        foreach (var t in chain)
        {
            foreach (var p in t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)
                         .OrderBy(p => p.MetadataToken))
            {
                yield return p;
            }
        }
    }
}
