using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Integrations.Fields;
using Integrations.Properties;
using Integrations.Registry;

namespace Integrations.Validation;

/// <summary>The framework's own rules for every integration, derived from its type's metadata.</summary>
internal sealed class IntegrationRulesValidator : AbstractValidator<Integration>
{
    public IntegrationRulesValidator(IIntegrationRegistry registry, IIntegrationCatalog catalog, Http.OutboundAddressPolicy network)
    {
        RuleFor(i => i).Custom((integration, context) =>
        {
            if (!registry.TryGet(integration.GetType(), out var descriptor))
            {
                context.AddFailure("type", $"{integration.GetType().Name} is not a registered integration type.");
                return;
            }

            if ((descriptor.Levels & integration.Scope.Level) == 0)
            {
                context.AddFailure("scope", $"The {descriptor.Title} integration cannot be configured at the {integration.Scope.Kind.ToString().ToLowerInvariant()} level.");
            }

            if (integration.Active && !catalog.CanActivate(descriptor.Slug, out var reason))
            {
                context.AddFailure("active", reason!);
            }
        });

        RuleFor(i => i.EnabledEvents).Must((i, events) => (events & ~i.SupportedEvents) == 0)
            .OverridePropertyName("events")
            .WithMessage(i => "These events are not supported: " + string.Join(", ", IntegrationEventNames.ToNames(i.EnabledEvents & ~i.SupportedEvents)) + ".");

        RuleFor(i => i).Custom((integration, context) =>
        {
            foreach (var (key, message) in InheritanceErrors(integration))
            {
                context.AddFailure(key, message);
            }

            foreach (var (key, message) in FieldErrors(integration, network))
            {
                context.AddFailure(key, message);
            }
        });
    }

    private static IEnumerable<(string Key, string Message)> InheritanceErrors(Integration integration)
    {
        if (integration.Scope.Kind == ScopeKind.Instance)
        {
            if (integration.UseDefaultSettings)
            {
                yield return ("use_default_settings", "The instance level has no default settings to inherit.");
            }

            if (integration.InheritedFields.Count > 0)
            {
                yield return ("inherited_fields", "The instance level has no settings to inherit fields from.");
            }

            yield break;
        }

        if (integration.UseDefaultSettings)
        {
            yield break;
        }

        var fields = integration.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var name in integration.InheritedFields)
        {
            if (!fields.ContainsKey(name))
            {
                yield return ("inherited_fields", $"'{name}' is not a field of this integration.");
            }
        }

        var overriddenExposer = integration.Fields.FirstOrDefault(f => f.ExposesSecrets && !integration.InheritedFields.Contains(f.Name));
        if (overriddenExposer is null)
        {
            yield break;
        }

        foreach (var secret in integration.Fields.Where(f => f.IsSecretValue && integration.InheritedFields.Contains(f.Name)))
        {
            yield return (secret.Name,
                $"{Title(secret)} cannot be inherited while {Title(overriddenExposer)} is set here: the inherited secret would be sent to an address its owner did not choose. Inherit {Title(overriddenExposer)} too, or enter {Title(secret)} here.");
        }
    }

    private static IEnumerable<(string Key, string Message)> FieldErrors(Integration integration, Http.OutboundAddressPolicy network)
    {
        if (integration.UseDefaultSettings)
        {
            yield break;
        }

        foreach (var field in integration.Fields)
        {
            if (integration.InheritedFields.Contains(field.Name))
            {
                continue;
            }

            var raw = integration.Bag.GetRaw(field.Name);
            if (IsBlank(raw))
            {
                if (field.Required && integration.Active)
                {
                    yield return (field.Name, $"{Title(field)} is required.");
                }

                continue;
            }

            var error = ValueError(field, raw!, network);
            if (error is not null)
            {
                yield return (field.Name, $"{Title(field)} {error}");
            }
        }
    }

    private static string? ValueError(IntegrationField field, JsonNode raw, Http.OutboundAddressPolicy network)
    {
        if (field.IsUrl)
        {
            var text = PropertyValueConverter.ToText(raw);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            {
                return "must be an absolute http or https URL.";
            }

            if (network.WhyUrlRefused(uri) is { } refused)
            {
                return "cannot be delivered to. " + refused;
            }
        }

        switch (field.Type)
        {
            case FieldType.Select when field.Choices.Count > 0:
                var choice = PropertyValueConverter.ToText(raw);
                return field.Choices.Any(c => c.Value == choice)
                    ? null
                    : "must be one of: " + string.Join(", ", field.Choices.Select(c => c.Value)) + ".";
            case FieldType.Checkbox:
                return PropertyValueConverter.ToBoolean(raw) is null ? "must be true or false." : null;
            case FieldType.Number:
                return NumberError(field, raw);
            case FieldType.StringList:
                return raw.GetValueKind() is JsonValueKind.Array or JsonValueKind.String ? null : "must be a list of strings.";
            case FieldType.KeyValue:
                return NamedValues.Read(raw) is null ? "must be one 'name=value' per line." : null;
            default:
                return null;
        }
    }

    private static string? NumberError(IntegrationField field, JsonNode raw)
    {
        decimal number;
        if (raw.GetValueKind() == JsonValueKind.Number)
        {
            number = raw.GetValue<decimal>();
        }
        else if (raw.GetValueKind() != JsonValueKind.String
                 || !decimal.TryParse(raw.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return "must be a number.";
        }

        if (field.Min is { } min && (double)number < min)
        {
            return $"must be at least {min.ToString(CultureInfo.InvariantCulture)}.";
        }

        if (field.Max is { } max && (double)number > max)
        {
            return $"must be at most {max.ToString(CultureInfo.InvariantCulture)}.";
        }

        return null;
    }

    private static bool IsBlank(JsonNode? raw) => raw is null
        || raw.GetValueKind() == JsonValueKind.Null
        || (raw.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(raw.GetValue<string>()))
        || (raw is JsonArray array && array.Count == 0)
        || (raw is JsonObject obj && obj.Count == 0);

    private static string Title(IntegrationField field) => field.Title ?? field.Name;
}
