using System.Text;
using Integrations.Chat;
using Integrations.Fields;
using Integrations.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Providers.Slack;

/// <summary>
/// Slack notifications (GitLab's "Slack notifications", and beyond): each event GitLab's chat integrations announce, as
/// Block Kit with a plain-text fallback, to the webhook's channel, a default channel, or per-event channels (at most 10
/// each; confidential events fall back to the public event's channel). With an incoming webhook URL it posts through
/// the webhook. With a bot token (app mode) it posts with <c>chat.postMessage</c>: follow-ups of a merge request or issue
/// go into the thread of its first message, and a pipeline's message is posted when it starts and updated in place
/// (<c>chat.update</c>) when it finishes; the thread and message ids are kept in the integration's state.
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
    [Field(FieldType.Text, Title = "Webhook", IsUrl = true, IsSecret = true, Section = FieldSections.Connection,
        Placeholder = "https://hooks.slack.com/services/…", Help = "The incoming webhook URL from Slack (or use a bot token). It is a secret: it is never shown again.",
        NonEmptyPasswordTitle = "Enter a new webhook URL", NonEmptyPasswordHelp = "Leave blank to keep the current webhook URL.")]
    public string? Webhook { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>A Slack app's bot token (<c>xoxb-…</c>): app mode, with threads and messages updated in place.</summary>
    [Field(FieldType.Password, Title = "Bot token", Section = FieldSections.Connection,
        Help = "Instead of a webhook: the xoxb- bot token of a Slack app with the chat:write scope, invited to the channels. Follow-ups then go into threads.",
        NonEmptyPasswordTitle = "Enter a new bot token", NonEmptyPasswordHelp = "Leave blank to keep the current bot token.")]
    public string? BotToken { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Whether messages go through the Web API with <see cref="BotToken"/>.</summary>
    public bool IsAppMode => !string.IsNullOrEmpty(BotToken);

    /// <inheritdoc />
    public override bool AnnouncesRunningPipelines => IsAppMode;

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
    /// Posts the message to each channel, through the webhook or, in app mode, the Web API. When a later channel fails,
    /// the channels already served are remembered in the integration's state, so the retry posts only to the rest.
    /// </summary>
    /// <inheritdoc />
    protected override async Task<IntegrationResult> SendAsync(ChatMessage message, IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var channels = ChannelsFor(context.Event);
        if (IsAppMode && channels.Any(c => c is null))
        {
            return IntegrationResult.Failure("App mode needs a channel: set the default channel or a channel for this event.");
        }

        var api = IsAppMode
            ? new SlackWebApi(context.Http, context.Services.GetService<IOptions<SlackOptions>>()?.Value.ApiBaseUrl ?? new SlackOptions().ApiBaseUrl, BotToken!, context.AttemptTime)
            : null;
        var served = new List<string>();
        foreach (var channel in channels)
        {
            var key = $"slack-sent:{context.DeliveryId}:{channel ?? "-"}";
            if (channels.Count > 1 && await context.State.GetAsync(key, cancellationToken).ConfigureAwait(false) is not null)
            {
                served.Add(key);
                continue;
            }

            var result = api is null
                ? await PostToWebhookAsync(message, channel, context, cancellationToken).ConfigureAwait(false)
                : await PostToAppAsync(api, message, channel!, context, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                foreach (var done in served)
                {
                    await context.State.SetAsync(done, "1", cancellationToken).ConfigureAwait(false);
                }

                return result;
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

    private async Task<IntegrationResult> PostToWebhookAsync(ChatMessage message, string? channel, IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Webhook))
        {
            return IntegrationResult.Failure("Neither a webhook URL nor a bot token is set.");
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
        using var response = await context.Http.PostAsync(new Uri(Webhook), content, cancellationToken).ConfigureAwait(false);
        var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        var result = IntegrationResult.FromHttpResponse(response, context.AttemptTime);
        return result.Succeeded ? result : result.WithMessage(SlackErrors.Explain(text, (int)response.StatusCode, channel));
    }

    /// <summary>
    /// App mode: a follow-up goes into the thread of its merge request's or issue's first message; a pipeline's message
    /// is updated in place. The first message's <c>ts</c> is kept in the state under the channel and thread key. The
    /// first poster claims the key before posting, so two first events racing (an MR opened and commented at once, on
    /// two workers) give one thread: the other waits briefly and then posts into it. A claim whose post never came
    /// back is taken over after <see cref="StaleThreadClaim"/>.
    /// </summary>
    private static async Task<IntegrationResult> PostToAppAsync(SlackWebApi api, ChatMessage message, string channel, IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        var threadKey = message.ThreadKey is null ? null : $"slack-ts:{channel}:{message.ThreadKey}";
        var existing = threadKey is null ? null : await context.State.GetAsync(threadKey, cancellationToken).ConfigureAwait(false);
        var claimed = false;
        if (threadKey is not null && (existing is null || IntegrationStateClaims.IsClaim(existing)))
        {
            var claim = await context.State.ClaimAsync(threadKey, context.AttemptTime, StaleThreadClaim, cancellationToken).ConfigureAwait(false);
            if (claim.Outcome == StateClaimOutcome.Held)
            {
                return IntegrationResult.TransientFailure("The first message of this thread is being posted; this one waits to go into its thread.", TimeSpan.FromSeconds(10));
            }

            claimed = claim.Outcome == StateClaimOutcome.Won;
            existing = claim.Value;
        }

        var updateInPlace = existing is not null && message.Event == IntegrationEvents.Pipeline;
        var (result, ts) = await api.SendAsync(SlackMessageRenderer.Render(message), channel,
            threadTs: updateInPlace ? null : existing, updateTs: updateInPlace ? existing : null, cancellationToken).ConfigureAwait(false);
        if (claimed)
        {
            if (result.Succeeded && ts is not null)
            {
                await context.State.SetAsync(threadKey!, ts, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await context.State.RemoveAsync(threadKey!, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>How long a thread's first post may be in flight before another attempt takes the claim over.</summary>
    private static readonly TimeSpan StaleThreadClaim = TimeSpan.FromMinutes(2);

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
