using System.Text;
using System.Text.Json.Nodes;
using Integrations.Chat;
using Integrations.Fields;

namespace Integrations.Providers.GoogleChat;

/// <summary>
/// Google Chat notifications through a space's incoming webhook (GitLab's <c>hangouts_chat</c>): each event GitLab's
/// chat integrations announce, as a card with a text fallback; the messages of one merge request, issue or pipeline
/// share a thread (<c>threadKey</c> with <c>REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD</c>).
/// </summary>
[IntegrationType("hangouts_chat", LegacyNames = ["HangoutsChatService"])]
public sealed class GoogleChatIntegration : ChatIntegration
{
    /// <summary>The reply option that threads a message by its key, or starts the thread.</summary>
    public const string ReplyOption = "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD";

    /// <inheritdoc />
    public override string Title => "Google Chat";

    /// <inheritdoc />
    public override string Description => "Send notifications from your project to a Google Chat space.";

    /// <inheritdoc />
    public override string? Help => "In the Google Chat space, open Apps & integrations → Webhooks, add a webhook and paste its URL.";

    /// <summary>The space's webhook URL (with its key and token); a secret.</summary>
    [Field(FieldType.Text, Title = "Webhook", Required = true, IsUrl = true, IsSecret = true, Section = FieldSections.Connection,
        Placeholder = "https://chat.googleapis.com/v1/spaces/…", Help = "The space's incoming webhook URL. It holds a key and a token: it is a secret.",
        NonEmptyPasswordTitle = "Enter a new webhook URL", NonEmptyPasswordHelp = "Leave blank to keep the current webhook URL.")]
    public string? Webhook { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Posts the card, threaded when the message has a thread key.</summary>
    /// <inheritdoc />
    protected override async Task<IntegrationResult> SendAsync(ChatMessage message, IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var body = GoogleChatCardRenderer.Render(message);
        var url = new Uri(Webhook!);
        if (message.ThreadKey is { } thread)
        {
            body["thread"] = new JsonObject { ["threadKey"] = thread };
            url = new Uri(url + (string.IsNullOrEmpty(url.Query) ? "?" : "&") + "messageReplyOption=" + ReplyOption);
        }

        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await context.Http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        var result = IntegrationResult.FromHttpResponse(response, context.AttemptTime);
        if (result.Succeeded)
        {
            return result.WithMessage("Posted to Google Chat.");
        }

        return result.WithMessage(Explain((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>Google's error envelope (<c>{"error":{"code","message","status"}}</c>) as a message that says what to fix.</summary>
    private static string Explain(int status, string body)
    {
        string? reason = null;
        string? detail = null;
        try
        {
            var error = JsonNode.Parse(body)?["error"];
            reason = error?["status"]?.GetValue<string>();
            detail = error?["message"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return (status, reason) switch
        {
            (400, _) => $"Google Chat refused the message ({reason ?? "400"}): {detail ?? "no details"}. This is likely a bug in the Google Chat integration; please report it.",
            (401 or 403, _) => $"Google Chat refused the webhook URL ({reason ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture)}): the webhook was deleted or its key or token is wrong. Enter its current URL.",
            (404, _) => $"Google Chat found no such space or webhook ({reason ?? "404"}). Enter the webhook's current URL.",
            (429, _) => $"Google Chat is rate limiting this webhook ({reason ?? "RESOURCE_EXHAUSTED"}); the delivery waits and is retried.",
            _ => $"Google Chat answered {status} ({reason ?? "no reason given"}): {detail ?? "no details"}",
        };
    }
}
