using System.Text.RegularExpressions;
using FluentValidation;
using Integrations.Http;

namespace Integrations.Providers.Datadog;

/// <summary>Datadog's rules: a host-name site, a word-character API key, <c>key:value</c> tags, and a deliverable intake URL.</summary>
public sealed partial class DatadogIntegrationValidator : AbstractValidator<DatadogIntegration>
{
    /// <summary>Creates the validator.</summary>
    /// <param name="urls">The instance's outbound URL check.</param>
    public DatadogIntegrationValidator(IOutboundUrlCheck urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        RuleFor(d => d.DatadogSite).Must(s => string.IsNullOrWhiteSpace(s) || SiteName().IsMatch(s.Trim()))
            .WithMessage("Datadog site must be a host name such as datadoghq.com or us5.datadoghq.com.");

        RuleFor(d => d.ApiKey).Must(k => string.IsNullOrEmpty(k) || ApiKeyText().IsMatch(k))
            .WithMessage("API key may contain only letters, digits and underscores.");

        RuleFor(d => d.DatadogTags).Custom((_, context) =>
        {
            foreach (var line in context.InstanceToValidate.Tags)
            {
                if (!TagLine().IsMatch(line))
                {
                    context.AddFailure($"Tags: '{line}' is not key:value (a key of letters, digits, '_' or '-', a colon, then a value).");
                }
            }
        });

        RuleFor(d => d.DatadogSite).Custom((_, context) =>
        {
            var datadog = context.InstanceToValidate;
            if (string.IsNullOrWhiteSpace(datadog.ApiUrl) && SiteName().IsMatch(datadog.Site) && urls.WhyRefused(datadog.IntakeUrl()) is { } refused)
            {
                context.AddFailure("Datadog site cannot be delivered to. " + refused);
            }
        });
    }

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SiteName();

    [GeneratedRegex(@"^\w+$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeyText();

    [GeneratedRegex(@"^[\w-]+:.*\S.*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagLine();
}
