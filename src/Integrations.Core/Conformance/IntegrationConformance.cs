using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.Fields;
using Integrations.Persistence;
using Integrations.Serialization;
using Integrations.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Conformance;

/// <summary>
/// Checks that an integration type, built-in or a host's own, keeps the framework's promises. Framework-neutral:
/// every method returns the problems found (empty when none), so any test framework can assert on the list:
/// <code>
/// IntegrationConformance.CheckType&lt;StatusPageIntegration&gt;().Should().BeEmpty();
/// (await IntegrationConformance.CheckStoredAsync(scope.ServiceProvider, configured)).Should().BeEmpty();
/// </code>
/// </summary>
public static partial class IntegrationConformance
{
    private const string SecretProbe = "conformance-secret-";

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugText();

    /// <summary>The checks that need no database; see <see cref="CheckType(Type)"/>.</summary>
    /// <typeparam name="TIntegration">The integration type.</typeparam>
    public static IReadOnlyList<string> CheckType<TIntegration>()
        where TIntegration : Integration, new() => CheckType(typeof(TIntegration));

    /// <summary>
    /// The checks that need no database: the type is a sealed, public integration with a public parameterless
    /// constructor; its slug is declared with <see cref="IntegrationTypeAttribute"/> (so renaming the class cannot
    /// orphan stored rows) and is lower-case snake_case; it has a title and a description; every field has a title and
    /// help, a select has choices, a number's bounds are ordered; supported events are declared and the default events
    /// are among them; a URL field that could redirect stored secrets is marked <c>ExposesSecrets</c>; and no secret
    /// value shows in <c>ToString()</c> or in the client view.
    /// </summary>
    /// <param name="integrationType">The integration type.</param>
    public static IReadOnlyList<string> CheckType(Type integrationType)
    {
        ArgumentNullException.ThrowIfNull(integrationType);
        var problems = new List<string>();
        if (!typeof(Integration).IsAssignableFrom(integrationType) || integrationType.IsAbstract)
        {
            problems.Add($"{integrationType.Name} is not a concrete subclass of Integration.");
            return problems;
        }

        if (!integrationType.IsSealed)
        {
            problems.Add($"{integrationType.Name} is not sealed: a subclass would share its slug and stored rows.");
        }

        if (!integrationType.IsPublic && !integrationType.IsNestedPublic)
        {
            problems.Add($"{integrationType.Name} is not public.");
        }

        if (integrationType.GetConstructor(Type.EmptyTypes) is null)
        {
            problems.Add($"{integrationType.Name} has no public parameterless constructor; the store creates instances with it.");
            return problems;
        }

        var attribute = integrationType.GetCustomAttribute<IntegrationTypeAttribute>();
        if (attribute is null)
        {
            problems.Add($"{integrationType.Name} does not declare [IntegrationType(\"…\")]: its slug comes from the class name, so renaming the class would orphan its stored rows.");
        }
        else if (!SlugText().IsMatch(attribute.Slug))
        {
            problems.Add($"The slug '{attribute.Slug}' is not lower-case snake_case (a letter, then letters, digits and underscores).");
        }

        var integration = (Integration)Activator.CreateInstance(integrationType)!;
        if (string.IsNullOrWhiteSpace(integration.Title))
        {
            problems.Add("Title is empty.");
        }

        if (string.IsNullOrWhiteSpace(integration.Description))
        {
            problems.Add("Description is empty: catalogs show it under the title.");
        }

        problems.AddRange(FieldProblems(integration));
        problems.AddRange(EventProblems(integration));
        problems.AddRange(SecretDisplayProblems(integration));
        return problems;
    }

    /// <summary>
    /// The checks that need the host's services and database (call it with a scope's provider, once per database the
    /// type must work on): <paramref name="configured"/>, a complete and valid integration of the type, passes
    /// validation; it survives a store round-trip with every field equal and no secret in plain text in the row; a new
    /// active integration without values gets a validation error for each required field, keyed by the field; and
    /// changing a field marked <c>ExposesSecrets</c> without re-entering the secrets clears them (GitLab's rule).
    /// The integration is deleted afterwards.
    /// </summary>
    /// <param name="services">A scope's services, with the type registered.</param>
    /// <param name="configured">A valid, unsaved integration with every field it needs, secrets included.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    public static async Task<IReadOnlyList<string>> CheckStoredAsync(IServiceProvider services, Integration configured, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configured);
        var problems = new List<string>();
        var validator = services.GetRequiredService<IIntegrationValidator>();
        var store = services.GetRequiredService<IIntegrationStore>();

        var validation = await validator.ValidateAsync(configured, cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            problems.Add("The configured integration does not validate: " + validation);
            return problems;
        }

        var expected = configured.Fields.ToDictionary(f => f.Name, f => configured.GetRawValue(f.Name), StringComparer.Ordinal);
        var secrets = configured.Fields.Where(f => f.IsEncryptedAtRest && configured.HasValue(f.Name))
            .SelectMany(f => Properties.NamedValues.SecretTexts(configured.GetRawValue(f.Name)))
            .Where(s => s.Length >= 4)
            .ToArray();
        await store.SaveAsync(configured, cancellationToken).ConfigureAwait(false);
        try
        {
            var loaded = await store.GetAsync(configured.Id, cancellationToken).ConfigureAwait(false);
            if (loaded is null)
            {
                problems.Add("The saved integration could not be loaded back.");
                return problems;
            }

            foreach (var (name, value) in expected)
            {
                if (!JsonNode.DeepEquals(value, loaded.GetRawValue(name)))
                {
                    problems.Add($"'{name}' did not survive the store round-trip: saved {value?.ToJsonString() ?? "null"}, loaded {loaded.GetRawValue(name)?.ToJsonString() ?? "null"}.");
                }
            }

            if (loaded.Active != configured.Active || loaded.EnabledEvents != configured.EnabledEvents)
            {
                problems.Add("The active flag or the events did not survive the store round-trip.");
            }

            var context = services.GetRequiredService<IIntegrationsDbContextProvider>().Context;
            var row = await context.Set<Storage.IntegrationRecord>().AsNoTracking().SingleAsync(r => r.Id == configured.Id, cancellationToken).ConfigureAwait(false);
            foreach (var secret in secrets.Where(s => row.Properties.Contains(s, StringComparison.Ordinal)))
            {
                problems.Add($"A secret value (or a URL that exposes secrets) is stored in plain text in the row ({secret.Length} characters).");
            }

            problems.AddRange(await RequiredFieldProblemsAsync(validator, configured, cancellationToken).ConfigureAwait(false));
            problems.AddRange(await ExposureProblemsAsync(store, loaded, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            if (await store.GetAsync(configured.Id, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                await store.DeleteAsync(saved, cancellationToken).ConfigureAwait(false);
            }
        }

        return problems;
    }

    private static IEnumerable<string> FieldProblems(Integration integration)
    {
        foreach (var field in integration.Fields)
        {
            if (string.IsNullOrWhiteSpace(field.Title))
            {
                yield return $"Field '{field.Name}' has no title.";
            }

            if (string.IsNullOrWhiteSpace(field.Help))
            {
                yield return $"Field '{field.Name}' has no help text.";
            }

            if (field.Type == FieldType.Select && field.Choices.Count == 0)
            {
                yield return $"Select field '{field.Name}' has no choices.";
            }

            if (field.Min is { } min && field.Max is { } max && min > max)
            {
                yield return $"Number field '{field.Name}' has a minimum above its maximum.";
            }
        }

        var hasSecrets = integration.Fields.Any(f => f.IsSecretValue);
        foreach (var url in integration.Fields.Where(f => f.IsUrl && !f.IsSecretValue && !f.ExposesSecrets && hasSecrets))
        {
            yield return $"URL field '{url.Name}' is not marked ExposesSecrets: changing it would send the stored secrets to the new address.";
        }
    }

    private static IEnumerable<string> EventProblems(Integration integration)
    {
        if (integration.SupportedEvents == IntegrationEvents.None)
        {
            yield return "SupportedEvents is empty: the integration would never run.";
        }

        if ((integration.DefaultEvents & ~integration.SupportedEvents) != IntegrationEvents.None)
        {
            yield return "DefaultEvents names events the type does not support: " + IntegrationEventNames.Format(integration.DefaultEvents & ~integration.SupportedEvents) + ".";
        }
    }

    private static IEnumerable<string> SecretDisplayProblems(Integration integration)
    {
        var probes = new List<string>();
        foreach (var field in integration.Fields.Where(f => f.IsSecretValue))
        {
            var probe = SecretProbe + field.Name;
            probes.Add(probe);
            integration.SetRawValue(field.Name, field.Type == FieldType.KeyValue ? new JsonObject { ["probe"] = probe } : JsonValue.Create(probe));
        }

        if (probes.Count == 0)
        {
            yield break;
        }

        var text = integration.ToString();
        var view = IntegrationsJson.SerializeForClient(integration);
        foreach (var probe in probes)
        {
            var name = probe[SecretProbe.Length..];
            if (text.Contains(probe, StringComparison.Ordinal))
            {
                yield return $"The value of secret field '{name}' shows in ToString().";
            }

            if (view.Contains(probe, StringComparison.Ordinal))
            {
                yield return $"The value of secret field '{name}' shows in the client view.";
            }
        }
    }

    private static async Task<IEnumerable<string>> RequiredFieldProblemsAsync(IIntegrationValidator validator, Integration configured, CancellationToken cancellationToken)
    {
        var blank = (Integration)Activator.CreateInstance(configured.GetType())!;
        blank.Scope = configured.Scope;
        blank.Active = true;
        var result = await validator.ValidateAsync(blank, cancellationToken).ConfigureAwait(false);
        return blank.Fields.Where(f => f.Required && !result.Errors.ContainsKey(f.Name))
            .Select(f => $"Required field '{f.Name}' left empty on an active integration gives no validation error keyed by its name.");
    }

    private static async Task<IEnumerable<string>> ExposureProblemsAsync(IIntegrationStore store, Integration saved, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var exposer in saved.Fields.Where(f => f.ExposesSecrets && saved.HasValue(f.Name)))
        {
            var edited = await store.GetAsync(saved.Id, cancellationToken).ConfigureAwait(false);
            // A field that is both the address and a secret (a Slack or Discord webhook URL) is re-entered by changing it.
            if (edited is null || !edited.Fields.Any(f => f.IsSecretValue && f.Name != exposer.Name && edited.HasValue(f.Name)))
            {
                break;
            }

            edited.Active = false; // required secrets may be cleared without failing the save
            edited.SetRawValue(exposer.Name, Changed(exposer, edited.GetRawValue(exposer.Name)!));
            try
            {
                await store.SaveAsync(edited, cancellationToken).ConfigureAwait(false);
            }
            catch (IntegrationValidationException ex)
            {
                problems.Add($"An inactive integration whose '{exposer.Name}' changed (its secrets cleared) cannot be saved: {ex.Message}");
                break;
            }

            var reloaded = await store.GetAsync(saved.Id, cancellationToken).ConfigureAwait(false);
            foreach (var secret in reloaded!.Fields.Where(f => f.IsSecretValue && f.Name != exposer.Name && reloaded.HasValue(f.Name)))
            {
                problems.Add($"Changing '{exposer.Name}' without re-entering '{secret.Name}' kept the secret; it must be cleared.");
            }
        }

        return problems;
    }

    private static JsonNode Changed(IntegrationField field, JsonNode value)
    {
        var text = Properties.PropertyValueConverter.ToText(value) ?? string.Empty;
        if (field.Type == FieldType.Select)
        {
            return JsonValue.Create(field.Choices.Select(c => c.Value).FirstOrDefault(c => c != text) ?? text);
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url)
            ? JsonValue.Create(new Uri(url, url.AbsolutePath.TrimEnd('/') + "/changed").AbsoluteUri)
            : JsonValue.Create(text + "-changed");
    }
}
