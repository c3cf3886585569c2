using FluentValidation;

namespace Integrations.Providers.Slack;

/// <summary>Slack's rule beyond field metadata: at most 10 channels per event (GitLab's limit).</summary>
public sealed class SlackIntegrationValidator : AbstractValidator<SlackIntegration>
{
    /// <summary>Creates the validator.</summary>
    public SlackIntegrationValidator()
    {
        RuleFor(s => s.Webhook).Must((s, webhook) => !s.Active || s.UseDefaultSettings || s.InheritedFields.Contains("webhook") || s.InheritedFields.Contains("bot_token")
                || !string.IsNullOrWhiteSpace(webhook) || !string.IsNullOrWhiteSpace(s.BotToken))
            .WithMessage("Webhook is required, unless a bot token is set.");
        RuleFor(s => s.BotToken).Must(t => string.IsNullOrEmpty(t) || t.StartsWith("xoxb-", StringComparison.Ordinal))
            .WithMessage("Bot token must be a bot token (xoxb-…), not a user or app token.");
        RuleFor(s => s).Custom((slack, context) =>
        {
            foreach (var field in slack.Fields.Where(f => f.Name == "channel" || f.Name.EndsWith("_channel", StringComparison.Ordinal)))
            {
                if (SlackIntegration.Split(slack.GetRawValue(field.Name)?.GetValue<string>()).Count > SlackIntegration.MaxChannelsPerEvent)
                {
                    context.AddFailure(field.Name, $"{field.Title} {TooMany}");
                }
            }
        });
    }

    private static string TooMany => $"cannot have more than {SlackIntegration.MaxChannelsPerEvent} channels.";

}
