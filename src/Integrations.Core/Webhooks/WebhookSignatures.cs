using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.Webhooks;

/// <summary>Computes the signature headers receivers verify.</summary>
public static class WebhookSignatures
{
    /// <summary>
    /// The Standard Webhooks <c>webhook-signature</c> value: <c>v1,</c> + Base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))
    /// for each secret, separated by spaces. Sign with the old and the new secret while rotating, so receivers holding
    /// either can verify.
    /// </summary>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> (Unix seconds).</param>
    /// <param name="body">The exact request body bytes.</param>
    /// <param name="secrets">One or more <c>whsec_</c> secrets.</param>
    /// <exception cref="ArgumentException">A secret is not a valid signing secret.</exception>
    public static string StandardWebhooks(string messageId, long timestamp, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentNullException.ThrowIfNull(secrets);
        var prefix = Encoding.UTF8.GetBytes(messageId + "." + timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));

        var signatures = new List<string>();
        foreach (var secret in secrets)
        {
            if (!WebhookSecret.TryGetKey(secret, out var key))
            {
                throw new ArgumentException("A signing secret is not a valid 'whsec_' secret (Base64 of 24 to 64 bytes).", nameof(secrets));
            }

            signatures.Add("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content)));
        }

        return signatures.Count > 0 ? string.Join(' ', signatures) : throw new ArgumentException("At least one secret is needed.", nameof(secrets));
    }

    /// <summary>
    /// The GitHub-style <c>X-Hub-Signature-256</c> value: <c>sha256=</c> + lowercase hex HMAC-SHA256 of the body, keyed
    /// with the UTF-8 bytes of the secret exactly as configured (for receivers built for GitHub or Gitea).
    /// </summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="body">The exact request body bytes.</param>
    public static string HubSignature256(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }
}
