using FluentValidation;
using FluentValidation.Results;
using Integrations.Properties;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Validation;

/// <summary>
/// Runs the framework's rules and then every <see cref="IValidator{T}"/> registered for the integration's class,
/// maps property names to field names, and removes any secret value that found its way into a message.
/// </summary>
internal sealed class IntegrationValidator : IIntegrationValidator
{
    private readonly IntegrationRulesValidator _rules;
    private readonly IServiceProvider _services;

    public IntegrationValidator(IntegrationRulesValidator rules, IServiceProvider services)
    {
        _rules = rules;
        _services = services;
    }

    public async Task<IntegrationValidationResult> ValidateAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        var failures = new List<ValidationFailure>();
        failures.AddRange((await _rules.ValidateAsync(integration, cancellationToken).ConfigureAwait(false)).Errors);

        var validatorType = typeof(IValidator<>).MakeGenericType(integration.GetType());
        foreach (var service in _services.GetServices(validatorType))
        {
            if (service is IValidator validator)
            {
                var context = new ValidationContext<Integration>(integration);
                var result = await validator.ValidateAsync(context, cancellationToken).ConfigureAwait(false);
                failures.AddRange(result.Errors);
            }
        }

        if (failures.Count == 0)
        {
            return IntegrationValidationResult.Valid;
        }

        var secrets = integration.Fields
            .Where(f => f.IsSecretValue)
            .SelectMany(f => NamedValues.SecretTexts(integration.Bag.GetRaw(f.Name)))
            .OrderByDescending(s => s.Length)
            .ToArray();

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var failure in failures.Where(f => f.Severity == Severity.Error))
        {
            var key = string.IsNullOrEmpty(failure.PropertyName) ? "integration" : integration.KeyOf(failure.PropertyName);
            var message = failure.ErrorMessage;
            foreach (var secret in secrets)
            {
                message = message.Replace(secret, SecretMask.Value, StringComparison.Ordinal);
            }

            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            if (!list.Contains(message))
            {
                list.Add(message);
            }
        }

        return new IntegrationValidationResult(errors.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal));
    }
}
