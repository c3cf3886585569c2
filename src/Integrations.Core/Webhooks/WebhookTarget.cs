using System.Net.Http.Headers;

namespace Integrations.Webhooks;

/// <summary>
/// Where and how a <see cref="WebhookBackedIntegration"/> posts one delivery: the URL, the credentials and the extra
/// headers. The base adds the body, GitLab's headers, the idempotency key and the signatures.
/// </summary>
public sealed record WebhookTarget
{
    /// <summary>The receiver's URL. User info in it (<c>https://user:pass@host/</c>) becomes HTTP Basic authentication.</summary>
    public required Uri Url { get; init; }

    /// <summary>The <c>Authorization</c> header, when the receiver wants one (Basic, Bearer, …).</summary>
    public AuthenticationHeaderValue? Authorization { get; init; }

    /// <summary>GitLab's plain shared token, sent as <c>X-Gitlab-Token</c> when set.</summary>
    public string? Token { get; init; }

    /// <summary>Standard Webhooks secrets (<c>whsec_…</c>): one normally, two while rotating.</summary>
    public IReadOnlyList<string> SigningSecrets { get; init; } = [];

    /// <summary>A shared secret for a GitHub-style <c>X-Hub-Signature-256</c>, when the receiver expects one.</summary>
    public string? HubSecret { get; init; }

    /// <summary>Extra headers; the built-in headers win on a clash.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
