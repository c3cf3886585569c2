using System.Text;
using Integrations.Chat;
using Integrations.Fields;

namespace Integrations.Providers.Slack;

/// <summary>
/// Slack notifications through an incoming webhook (GitLab's "Slack notifications"): each event GitLab's chat
/// integrations announce, as Block Kit with a plain-text fallback, to the webhook's channel, a default channel, or
/// per-event channels (at most 10 each; confidential events fall back to the public event's channel).
/// </summary>
[IntegrationType("slack", LegacyNames = ["SlackService"])]
public sealed class SlackIntegration : ChatIntegration
{
    /// <summary>The most channels one event may go to.</summary>
    public const int MaxChannelsPerEvent = 10;

    /// <inheritdoc />
    public override string Title => "Slack notifications";

    /// <inheritdoc />
    public override string Description => "Send notifications about project events to Slack.";

    /// <inheritdoc />
    public override string? Help => "Create an incoming webhook in Slack (Apps → Incoming WebHooks) and paste its URL.";

    /// <inheritdoc />
    public override IntegrationEvents DefaultEvents => SupportedEvents & ~(IntegrationEvents.Alert | IntegrationEvents.Release);

    /// <summary>The incoming webhook URL; a secret (anyone holding it can post).</summary>
    [Field(FieldType.Text, Title = "Webhook", Required = true, IsUrl = true, IsSecret = true, Section = FieldSections.Connection,
        Placeholder = "https://hooks.slack.com/services/…", Help = "The incoming webhook URL from Slack. It is a secret: it is never shown again.",
        NonEmptyPasswordTitle = "Enter a new webhook URL", NonEmptyPasswordHelp = "Leave blank to keep the current webhook URL.")]
    public string? Webhook { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The name messages are posted under (legacy webhooks honour it).</summary>
    [Field(FieldType.Text, Title = "Username", Placeholder = "GitLab", Section = FieldSections.Configuration,
        Help = "The name messages appear under, where the webhook allows it.")]
    public string? Username { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The channel for events without their own; the webhook's channel when empty.</summary>
    [Field(FieldType.Text, Title = "Default channel", Placeholder = "#general", Section = FieldSections.Configuration,
        Help = "Where events without their own channel go; the webhook's own channel when empty.")]
    public string? Channel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for pushes.</summary>
    [Field(FieldType.Text, Title = "Push channel", Placeholder = "#general, #development", Section = FieldSections.Trigger, Help = "Channels for push events (comma separated, at most 10).")]
    public string? PushChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for tag pushes.</summary>
    [Field(FieldType.Text, Title = "Tag push channel", Section = FieldSections.Trigger, Help = "Channels for tag push events (comma separated, at most 10).")]
    public string? TagPushChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for issues.</summary>
    [Field(FieldType.Text, Title = "Issue channel", Section = FieldSections.Trigger, Help = "Channels for issue events (comma separated, at most 10).")]
    public string? IssueChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for confidential issues; the issue channel when empty.</summary>
    [Field(FieldType.Text, Title = "Confidential issue channel", Section = FieldSections.Trigger, Help = "Channels for confidential issue events; the issue channels when empty.")]
    public string? ConfidentialIssueChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for merge requests.</summary>
    [Field(FieldType.Text, Title = "Merge request channel", Section = FieldSections.Trigger, Help = "Channels for merge request events (comma separated, at most 10).")]
    public string? MergeRequestChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for comments.</summary>
    [Field(FieldType.Text, Title = "Note channel", Section = FieldSections.Trigger, Help = "Channels for comment events (comma separated, at most 10).")]
    public string? NoteChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for comments on confidential issues; the note channel when empty.</summary>
    [Field(FieldType.Text, Title = "Confidential note channel", Section = FieldSections.Trigger, Help = "Channels for comments on confidential issues; the note channels when empty.")]
    public string? ConfidentialNoteChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for pipelines.</summary>
    [Field(FieldType.Text, Title = "Pipeline channel", Section = FieldSections.Trigger, Help = "Channels for pipeline events (comma separated, at most 10).")]
    public string? PipelineChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for wiki pages.</summary>
    [Field(FieldType.Text, Title = "Wiki page channel", Section = FieldSections.Trigger, Help = "Channels for wiki page events (comma separated, at most 10).")]
    public string? WikiPageChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for deployments.</summary>
    [Field(FieldType.Text, Title = "Deployment channel", Section = FieldSections.Trigger, Help = "Channels for deployment events (comma separated, at most 10).")]
    public string? DeploymentChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for alerts.</summary>
    [Field(FieldType.Text, Title = "Alert channel", Section = FieldSections.Trigger, Help = "Channels for alert events (comma separated, at most 10).")]
    public string? AlertChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Channels for releases.</summary>
    [Field(FieldType.Text, Title = "Release channel", Section = FieldSections.Trigger, Help = "Channels for release events (comma separated, at most 10).")]
    public string? ReleaseChannel { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The channels an event goes to, in order; a single null means the webhook's own channel.</summary>
    /// <param name="kind">The event kind.</param>
    public IReadOnlyList<string?> ChannelsFor(IntegrationEvents kind)
    {
        var own = kind switch
        {
            IntegrationEvents.Push => PushChannel,
            IntegrationEvents.TagPush => TagPushChannel,
            IntegrationEvents.Issue => IssueChannel,
            IntegrationEvents.ConfidentialIssue => Blank(ConfidentialIssueChannel) ? IssueChannel : ConfidentialIssueChannel,
            IntegrationEvents.MergeRequest => MergeRequestChannel,
            IntegrationEvents.Note => NoteChannel,
            IntegrationEvents.ConfidentialNote => Blank(ConfidentialNoteChannel) ? NoteChannel : ConfidentialNoteChannel,
            IntegrationEvents.Pipeline => PipelineChannel,
            IntegrationEvents.WikiPage => WikiPageChannel,
            IntegrationEvents.Deployment => DeploymentChannel,
            IntegrationEvents.Alert => AlertChannel,
            IntegrationEvents.Release => ReleaseChannel,
            _ => null,
        };
        var channels = Split(Blank(own) ? Channel : own);
        return channels.Count > 0 ? channels : [null];
    }

    internal static List<string?> Split(string? channels) => (channels ?? string.Empty)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Cast<string?>().ToList();

    /// <summary>
    /// Posts the message to each channel. When a later channel fails, the channels already served are remembered in the
    /// integration's state, so the retry posts only to the rest.
    /// </summary>
    /// <inheritdoc />
    protected override async Task<IntegrationResult> SendAsync(ChatMessage message, IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var channels = ChannelsFor(context.Event);
        var served = new List<string>();
        IntegrationResult? last = null;
        foreach (var channel in channels)
        {
            var key = $"slack-sent:{context.DeliveryId}:{channel ?? "-"}";
            if (channels.Count > 1 && await context.State.GetAsync(key, cancellationToken).ConfigureAwait(false) is not null)
            {
                served.Add(key);
                continue;
            }

            var body = SlackMessageRenderer.Render(message);
            if (!string.IsNullOrWhiteSpace(Username))
            {
                body["username"] = Username;
            }

            if (channel is not null)
            {
                body["channel"] = channel;
            }

            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await context.Http.PostAsync(new Uri(Webhook!), content, cancellationToken).ConfigureAwait(false);
            var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
            last = IntegrationResult.FromHttpResponse(response, context.AttemptTime);
            if (!last.Succeeded)
            {
                foreach (var done in served)
                {
                    await context.State.SetAsync(done, "1", cancellationToken).ConfigureAwait(false);
                }

                return last.WithMessage(SlackErrors.Explain(text, (int)response.StatusCode, channel));
            }

            served.Add(key);
        }

        if (channels.Count > 1)
        {
            foreach (var done in served)
            {
                await context.State.RemoveAsync(done, cancellationToken).ConfigureAwait(false);
            }
        }

        return IntegrationResult.Success(channels.Count == 1 && channels[0] is null ? "Posted to Slack." : $"Posted to Slack: {string.Join(", ", channels)}.");
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
