namespace Integrations.Webhooks;

/// <summary>One webhook-style request to send: where, what, and how to sign it.</summary>
public sealed record WebhookMessage
{
    /// <summary>The receiver's URL. User info in it (<c>https://user:pass@host/</c>) becomes HTTP Basic authentication.</summary>
    public required Uri Url { get; init; }

    /// <summary>The exact body bytes (JSON).</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The event kind, for <c>X-Gitlab-Event</c>.</summary>
    public required IntegrationEvents Event { get; init; }

    /// <summary>The delivery id: <c>webhook-id</c> and <c>Idempotency-Key</c>, stable across retries and resends.</summary>
    public required Guid DeliveryId { get; init; }

    /// <summary>The event id: <c>X-Gitlab-Event-UUID</c>, shared by every delivery of one event.</summary>
    public required Guid EventId { get; init; }

    /// <summary>GitLab's plain shared token, sent as <c>X-Gitlab-Token</c> when set.</summary>
    public string? Token { get; init; }

    /// <summary>Standard Webhooks secrets (<c>whsec_…</c>): one normally, two while rotating.</summary>
    public IReadOnlyList<string> SigningSecrets { get; init; } = [];

    /// <summary>A shared secret for a GitHub-style <c>X-Hub-Signature-256</c>, when the receiver expects one.</summary>
    public string? HubSecret { get; init; }

    /// <summary>The host instance's base URL, sent as <c>X-Gitlab-Instance</c> when set.</summary>
    public string? InstanceUrl { get; init; }

    /// <summary>
    /// The <c>Authorization</c> header (for example Basic for Jenkins); takes precedence over user info in <see cref="Url"/>.
    /// </summary>
    public System.Net.Http.Headers.AuthenticationHeaderValue? Authorization { get; init; }

    /// <summary>Extra headers; the built-in headers win on a clash.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
