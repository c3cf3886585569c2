namespace Integrations.Validation;

/// <summary>
/// Validates integrations: rules derived from field metadata (required when active, URLs, choices, number ranges),
/// scope, events, inheritance and approval rules, and every FluentValidation <c>IValidator&lt;TIntegration&gt;</c>
/// registered for the integration's class.
/// </summary>
public interface IIntegrationValidator
{
    /// <summary>Validates an integration as it would be saved.</summary>
    /// <param name="integration">The integration.</param>
    /// <param name="cancellationToken">Cancels asynchronous rules.</param>
    Task<IntegrationValidationResult> ValidateAsync(Integration integration, CancellationToken cancellationToken = default);
}
