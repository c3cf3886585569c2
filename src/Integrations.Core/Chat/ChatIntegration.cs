using Integrations.Fields;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Chat;

/// <summary>
/// The base of chat integrations (GitLab's <c>BaseChatNotification</c>): the shared settings (only broken pipelines,
/// branches to be notified, labels to be notified), the product-neutral message of each event
/// (<see cref="ChatMessages"/>) and GitLab's rules of what not to send. A subclass renders and posts the message in its
/// product's format (<see cref="SendAsync"/>). An event that produces no message, or that a setting filters out, is
/// recorded as a successful delivery that says why nothing was sent.
/// </summary>
public abstract class ChatIntegration : Integration
{
    /// <summary>The events every chat integration supports (GitLab's chat event set, plus alerts and releases).</summary>
    public const IntegrationEvents ChatEvents = IntegrationEvents.Push | IntegrationEvents.TagPush | IntegrationEvents.Issue | IntegrationEvents.ConfidentialIssue
        | IntegrationEvents.MergeRequest | IntegrationEvents.Note | IntegrationEvents.ConfidentialNote | IntegrationEvents.Pipeline | IntegrationEvents.WikiPage
        | IntegrationEvents.Deployment | IntegrationEvents.Alert | IntegrationEvents.Release;

    /// <inheritdoc />
    public override IntegrationEvents SupportedEvents => ChatEvents;

    /// <summary>Announce only failed pipelines (on by default, as GitLab).</summary>
    [Field(FieldType.Checkbox, Title = "Notify only broken pipelines", Section = FieldSections.Configuration,
        CheckboxLabel = "Notify only broken pipelines", Help = "Passed pipelines are not announced when this is on.")]
    public bool NotifyOnlyBrokenPipelines { get => GetProperty<bool?>() ?? true; set => SetProperty(value); }

    /// <summary>Which branches' pushes, pipelines and deployments are announced; the default branch unless set.</summary>
    [Field(FieldType.Select, Title = "Branches for which notifications are to be sent", Section = FieldSections.Configuration,
        Help = "Pushes, pipelines and deployments of other branches are not announced. Tags are always announced.")]
    public BranchesToBeNotified BranchesToBeNotified { get => GetProperty<BranchesToBeNotified?>() ?? BranchesToBeNotified.Default; set => SetProperty(value); }

    /// <summary>Labels an issue, merge request or comment must carry to be announced (comma separated, <c>~</c> optional).</summary>
    [Field(FieldType.Text, Title = "Labels to be notified", Placeholder = "~backend,~frontend", Section = FieldSections.Configuration,
        Help = "Only issues, merge requests and comments with these labels are announced. Leave blank for all.")]
    public string? LabelsToBeNotified { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Whether any or all of <see cref="LabelsToBeNotified"/> must match.</summary>
    [Field(FieldType.Select, Title = "Labels to be notified behavior", Section = FieldSections.Configuration,
        Help = "Match any of the labels, or all of them.")]
    public LabelsMatch LabelsToBeNotifiedBehavior { get => GetProperty<LabelsMatch?>() ?? LabelsMatch.MatchAny; set => SetProperty(value); }

    /// <summary>
    /// Whether a running pipeline is announced too (when not limited to broken pipelines): for products that can update
    /// a message in place, so the running message becomes the passed or failed one. False unless overridden.
    /// </summary>
    public virtual bool AnnouncesRunningPipelines => false;

    /// <summary>Renders and posts the message through <see cref="IntegrationExecutionContext.Http"/>.</summary>
    /// <param name="message">The message to post.</param>
    /// <param name="context">The delivery.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    protected abstract Task<IntegrationResult> SendAsync(ChatMessage message, IntegrationExecutionContext context, CancellationToken cancellationToken);

    /// <summary>Builds the message, applies the settings' filters, and sends it.</summary>
    /// <param name="context">The delivery.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    public override async Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = ChatMessages.From(context.Event, context.Payload);
        if (message is null)
        {
            return IntegrationResult.Skipped($"Not sent: chat integrations do not announce this {IntegrationEventNames.GetName(context.Event)} event.");
        }

        var why = await ChatFilters.WhyNotSentAsync(this, context, context.Services.GetService<IProjectBranches>(), cancellationToken).ConfigureAwait(false);
        return why is null
            ? await SendAsync(message, context, cancellationToken).ConfigureAwait(false)
            : IntegrationResult.Skipped("Not sent: " + why);
    }
}
