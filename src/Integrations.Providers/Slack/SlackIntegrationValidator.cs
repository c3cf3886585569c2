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
        RuleFor(s => s.Channel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.PushChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.TagPushChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.IssueChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.ConfidentialIssueChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.MergeRequestChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.NoteChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.ConfidentialNoteChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.PipelineChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.WikiPageChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.DeploymentChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.AlertChannel).Must(BeFewEnough).WithMessage(TooMany);
        RuleFor(s => s.ReleaseChannel).Must(BeFewEnough).WithMessage(TooMany);
    }

    private static string TooMany => $"cannot have more than {SlackIntegration.MaxChannelsPerEvent} channels.";

    private static bool BeFewEnough(string? channels) => SlackIntegration.Split(channels).Count <= SlackIntegration.MaxChannelsPerEvent;
}
