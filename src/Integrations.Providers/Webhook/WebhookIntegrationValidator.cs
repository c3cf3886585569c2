using FluentValidation;
using Integrations.Events;
using Integrations.Http;
using Integrations.Webhooks;

namespace Integrations.Providers.Webhook;

/// <summary>
/// The webhook's rules beyond its field metadata: the URL with its variables filled in, the limits on variables and
/// headers, header names and values that HTTP can carry, valid signing secrets, the branch filter and the template.
/// </summary>
public sealed class WebhookIntegrationValidator : AbstractValidator<WebhookIntegration>
{
    /// <summary>The longest branch filter, as GitLab.</summary>
    public const int MaxBranchFilterLength = 4000;

    /// <summary>Creates the validator.</summary>
    /// <param name="urls">The instance's outbound URL check.</param>
    public WebhookIntegrationValidator(IOutboundUrlCheck urls)
    {
        ArgumentNullException.ThrowIfNull(urls);

        RuleFor(h => h.Url).Custom((url, context) =>
        {
            var hook = context.InstanceToValidate;
            if (string.IsNullOrWhiteSpace(url) || hook.UseDefaultSettings)
            {
                return;
            }

            var variables = hook.UrlVariables ?? new Dictionary<string, string>();
            var interpolated = WebhookUrl.Interpolate(url, variables, out var missing);
            if (interpolated is null)
            {
                context.AddFailure($"URL refers to {{{missing}}}, which has no value under URL variables.");
                return;
            }

            if (!Uri.TryCreate(interpolated, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            {
                context.AddFailure("URL must be an absolute http or https URL" + (variables.Count > 0 ? " once its variables are filled in." : "."));
                return;
            }

            if (urls.WhyRefused(uri) is { } refused)
            {
                context.AddFailure("URL cannot be delivered to. " + refused);
            }
        });

        RuleFor(h => h.UrlVariables).Custom((variables, context) =>
        {
            if (variables is null)
            {
                return;
            }

            if (variables.Count > WebhookUrl.MaxVariables)
            {
                context.AddFailure($"URL variables: {variables.Count} are given; at most {WebhookUrl.MaxVariables} are allowed.");
            }

            foreach (var (name, value) in variables)
            {
                if (!WebhookUrl.Name().IsMatch(name))
                {
                    context.AddFailure($"URL variables: '{name}' is not a valid name (letters, then digits, joined by '.', '_' or '-').");
                }
                else if (string.IsNullOrEmpty(value) || value.Length > WebhookUrl.MaxValueLength)
                {
                    context.AddFailure($"URL variables: the value of '{name}' must be 1 to {WebhookUrl.MaxValueLength} characters long.");
                }
                else if (value.Any(char.IsControl))
                {
                    context.AddFailure($"URL variables: the value of '{name}' contains a control character.");
                }
            }
        });

        RuleFor(h => h.CustomHeaders).Custom((headers, context) =>
        {
            if (headers is null)
            {
                return;
            }

            if (headers.Count > WebhookIntegration.MaxCustomHeaders)
            {
                context.AddFailure($"Custom headers: {headers.Count} are given; at most {WebhookIntegration.MaxCustomHeaders} are allowed.");
            }

            foreach (var (name, value) in headers)
            {
                if (!HeaderRules.IsToken(name))
                {
                    context.AddFailure($"Custom headers: '{name}' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only).");
                }
                else if (string.IsNullOrEmpty(value) || value.Length > WebhookIntegration.MaxHeaderValueLength)
                {
                    context.AddFailure($"Custom headers: the value of '{name}' must be 1 to {WebhookIntegration.MaxHeaderValueLength} characters long.");
                }
                else if (!HeaderRules.IsValidValue(value))
                {
                    context.AddFailure($"Custom headers: the value of '{name}' contains a line break or another control character.");
                }
            }
        });

        RuleFor(h => h.Token).Must(t => t is null || HeaderRules.IsValidValue(t))
            .WithMessage("Secret token contains a line break or another control character; it is sent as a header.");

        RuleFor(h => h.SigningSecret).Must(s => string.IsNullOrEmpty(s) || WebhookSecret.TryGetKey(s, out _))
            .WithMessage("Signing secret must be a whsec_ secret (Base64 of 24 to 64 bytes); rotate to get a new one.");

        RuleFor(h => h.PreviousSigningSecret).Must(s => string.IsNullOrEmpty(s) || WebhookSecret.TryGetKey(s, out _))
            .WithMessage("Previous signing secret must be a whsec_ secret (Base64 of 24 to 64 bytes).");

        RuleFor(h => h.HubSignature).Must((h, on) => !on || !h.Active || !string.IsNullOrEmpty(h.SigningSecret))
            .WithMessage("GitHub-style signature needs a signing secret to sign with.");

        RuleFor(h => h.PushEventsBranchFilter).Custom((filter, context) =>
        {
            if (string.IsNullOrEmpty(filter))
            {
                return;
            }

            if (filter.Length > MaxBranchFilterLength)
            {
                context.AddFailure($"Branch filter is {filter.Length} characters long; at most {MaxBranchFilterLength} are allowed.");
            }
            else if (context.InstanceToValidate.BranchFilterStrategy == BranchFilterStrategy.Regex && !BranchFilter.IsValidRegex(filter, out var error))
            {
                context.AddFailure($"Branch filter is not a usable regular expression: {error}");
            }
        });

        RuleFor(h => h.CustomWebhookTemplate).Custom((template, context) =>
        {
            if (!string.IsNullOrWhiteSpace(template) && WebhookPayloadTemplate.FindProblem(template, context.InstanceToValidate.EnabledEvents) is { } problem)
            {
                context.AddFailure("Custom webhook template " + problem);
            }
        });
    }
}
