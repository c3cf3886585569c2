using FluentValidation;

namespace Integrations.Providers.ServiceNow;

/// <summary>ServiceNow's rules beyond field metadata: the credentials the chosen sign-in needs, and known environment tiers.</summary>
public sealed class ServiceNowIntegrationValidator : AbstractValidator<ServiceNowIntegration>
{
    private static readonly string[] Tiers = ["production", "staging", "testing", "development", "other"];

    /// <summary>Creates the validator.</summary>
    public ServiceNowIntegrationValidator()
    {
        When(s => s.Active && !s.UseDefaultSettings, () =>
        {
            RuleFor(s => s.Username).Must((s, v) => s.Authentication != ServiceNowAuthentication.Basic || Given(s, "username", v))
                .WithMessage("Username is required with Basic authentication.");
            RuleFor(s => s.Password).Must((s, v) => s.Authentication != ServiceNowAuthentication.Basic || Given(s, "password", v))
                .WithMessage("Password is required with Basic authentication.");
            RuleFor(s => s.ClientId).Must((s, v) => s.Authentication != ServiceNowAuthentication.ClientCredentials || Given(s, "client_id", v))
                .WithMessage("Client ID is required with OAuth client credentials.");
            RuleFor(s => s.ClientSecret).Must((s, v) => s.Authentication != ServiceNowAuthentication.ClientCredentials || Given(s, "client_secret", v))
                .WithMessage("Client secret is required with OAuth client credentials.");
        });
        RuleForEach(s => s.ChangeEnvironmentTiers).Must(t => Tiers.Contains(t, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, tier) => $"'{tier}' is not an environment tier; use production, staging, testing, development or other.");
        RuleFor(s => s.IncidentCloseCode).Must(c => !string.IsNullOrWhiteSpace(c) && c.Length <= 40)
            .When(s => s.CreateIncidents)
            .WithMessage("Incident resolution code is required (at most 40 characters) when alerts open incidents.");
    }

    private static bool Given(ServiceNowIntegration settings, string field, string? value) =>
        !string.IsNullOrWhiteSpace(value) || settings.InheritedFields.Contains(field);
}
