using System.Text;
using Integrations.Chat;
using Integrations.Fields;

namespace Integrations.Providers.MicrosoftTeams;

/// <summary>
/// Microsoft Teams notifications through a Workflows webhook (the replacement of the retired Office 365 connectors): each
/// event GitLab's chat integrations announce, as an Adaptive Card in the channel the workflow posts to.
/// </summary>
[IntegrationType("microsoft_teams", LegacyNames = ["MicrosoftTeamsService"])]
public sealed class MicrosoftTeamsIntegration : ChatIntegration
{
    /// <inheritdoc />
    public override string Title => "Microsoft Teams notifications";

    /// <inheritdoc />
    public override string Description => "Send notifications about project events to Microsoft Teams.";

    /// <inheritdoc />
    public override string? Help =>
        "In the Teams channel, open Workflows, create a flow from the template \"Post to a channel when a webhook request is received\", and paste its URL.";

    /// <summary>The Workflows webhook URL; a secret (anyone holding it can post).</summary>
    [Field(FieldType.Text, Title = "Webhook", Required = true, IsUrl = true, IsSecret = true, Section = FieldSections.Connection,
        Placeholder = "https://….powerautomate.com/…", Help = "The URL of the Teams workflow that posts webhook requests to the channel. It is a secret.",
        NonEmptyPasswordTitle = "Enter a new webhook URL", NonEmptyPasswordHelp = "Leave blank to keep the current webhook URL.")]
    public string? Webhook { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Posts the card; 200 and 202 are success, 429 waits for <c>Retry-After</c>.</summary>
    /// <inheritdoc />
    protected override async Task<IntegrationResult> SendAsync(ChatMessage message, IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        using var content = new StringContent(TeamsCardRenderer.Render(message).ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await context.Http.PostAsync(new Uri(Webhook!), content, cancellationToken).ConfigureAwait(false);
        var result = IntegrationResult.FromHttpResponse(response, context.AttemptTime);
        if (result.Succeeded)
        {
            return result.WithMessage("Posted to Microsoft Teams.");
        }

        var body = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        return result.WithMessage((int)response.StatusCode switch
        {
            400 => $"Teams refused the card (400): {Shorten(body)}. If the workflow was edited, it may no longer accept Adaptive Cards.",
            401 or 403 => $"Teams refused the webhook URL ({(int)response.StatusCode}): the workflow was turned off, deleted, or its URL changed. Enter its current URL.",
            404 => "The Teams workflow was not found (404): it was deleted, or the URL is incomplete. Enter its current URL.",
            413 => "Teams refused the card as too large (413). This is a bug in the Teams integration; please report it.",
            _ => $"Teams answered {(int)response.StatusCode}: {Shorten(body)}",
        });
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text.Length == 0 ? "no details" : text;
}
