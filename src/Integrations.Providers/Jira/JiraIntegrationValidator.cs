using System.Text.RegularExpressions;
using FluentValidation;

namespace Integrations.Providers.Jira;

/// <summary>Jira's rules beyond field metadata: the sign-in matches the deployment, usable key patterns, well-formed transition ids.</summary>
public sealed partial class JiraIntegrationValidator : AbstractValidator<JiraIntegration>
{
    /// <summary>Creates the validator.</summary>
    public JiraIntegrationValidator()
    {
        RuleFor(j => j.Authentication).Must((j, auth) => auth != JiraAuthentication.DataCenterToken || !IsAtlassianCloud(j.WebUrl))
            .WithMessage("A personal access token works only with Jira Data Center; for Jira Cloud (*.atlassian.net) choose e-mail and API token.");
        RuleFor(j => j.Authentication).Must((j, auth) => auth is not (JiraAuthentication.DataCenterPassword) || !IsAtlassianCloud(j.WebUrl))
            .WithMessage("Jira Cloud (*.atlassian.net) does not accept passwords; choose e-mail and API token.");
        RuleFor(j => j.Username).Must((j, user) => !j.Active || j.Authentication == JiraAuthentication.DataCenterToken || !string.IsNullOrWhiteSpace(user)
                || j.UseDefaultSettings || j.InheritedFields.Contains("username"))
            .WithMessage("E-mail or username is required for this authentication method.");
        RuleFor(j => j.IssueRegex).Must(r => r is null || r.Length <= JiraIssueKeys.MaxPatternLength)
            .WithMessage($"Jira issue regex may be at most {JiraIssueKeys.MaxPatternLength} characters long.");
        RuleFor(j => j.IssuePrefix).Must(p => p is null || p.Length <= JiraIssueKeys.MaxPatternLength)
            .WithMessage($"Jira issue prefix may be at most {JiraIssueKeys.MaxPatternLength} characters long.");
        RuleFor(j => j.IssueRegex).Custom((regex, context) =>
        {
            try
            {
                _ = context.InstanceToValidate.IssueKeys();
            }
            catch (ArgumentException ex)
            {
                context.AddFailure(ex.Message);
            }
        });
        RuleFor(j => j.TransitionIds).Must((j, ids) => j.TransitionMode != JiraTransitionMode.Custom || (ids is not null && TransitionIdText().IsMatch(ids)))
            .WithMessage("Transition ids must be numbers separated by commas or semicolons, such as 11, 31.");
    }

    private static bool IsAtlassianCloud(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.EndsWith(".atlassian.net", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\s*\d+(\s*[,;]\s*\d+)*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TransitionIdText();
}
