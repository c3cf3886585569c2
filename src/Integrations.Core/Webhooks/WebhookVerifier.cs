using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.Webhooks;

/// <summary>
/// The receiving side: checks the signatures this library sends (and that any Standard Webhooks or GitHub-style
/// sender produces), for hosts that also receive webhooks. Comparisons take constant time.
/// <code>
/// var body = await ReadBodyAsync(request);                       // the exact bytes, before any JSON parsing
/// var check = WebhookVerifier.VerifyStandardWebhooks(secret,
///     request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"],
///     body);                                                     // now: TimeProvider.System, or pass a TimeProvider
/// if (!check.IsValid) return Results.Unauthorized();
/// </code>
/// </summary>
public static class WebhookVerifier
{
    /// <summary>How far a <c>webhook-timestamp</c> may be from now: five minutes, as the Standard Webhooks specification advises.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Checks a Standard Webhooks delivery against the current time of <paramref name="time"/>
    /// (<see cref="TimeProvider.System"/> when null), so it works in any host, with or without <c>AddIntegrations</c>.
    /// See the overload that takes the time for what is checked.
    /// </summary>
    /// <param name="secret">The signing secret (<c>whsec_…</c>).</param>
    /// <param name="messageId">The <c>webhook-id</c> header.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="signature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <param name="time">The receiver's clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="tolerance">The allowed clock difference; <see cref="DefaultTolerance"/> when null.</param>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is not a valid signing secret.</exception>
    public static WebhookVerification VerifyStandardWebhooks(string secret, string? messageId, string? timestamp, string? signature,
        ReadOnlySpan<byte> body, TimeProvider? time = null, TimeSpan? tolerance = null) =>
        VerifyStandardWebhooks(secret, messageId, timestamp, signature, body, (time ?? TimeProvider.System).GetUtcNow(), tolerance);

    /// <summary>
    /// Checks a Standard Webhooks delivery: the timestamp is within <paramref name="tolerance"/> of
    /// <paramref name="now"/> (against replays), and one of the space-separated <c>v1,</c> signatures is the
    /// HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c> under <paramref name="secret"/>.
    /// </summary>
    /// <param name="secret">The signing secret (<c>whsec_…</c>).</param>
    /// <param name="messageId">The <c>webhook-id</c> header.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="signature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <param name="now">The receiver's current time.</param>
    /// <param name="tolerance">The allowed clock difference; <see cref="DefaultTolerance"/> when null.</param>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is not a valid signing secret.</exception>
    public static WebhookVerification VerifyStandardWebhooks(string secret, string? messageId, string? timestamp, string? signature,
        ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!WebhookSecret.TryGetKey(secret, out var key))
        {
            throw new ArgumentException("The secret is not a valid 'whsec_' signing secret (Base64 of 24 to 64 bytes).", nameof(secret));
        }

        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return WebhookVerification.Invalid("The webhook-id, webhook-timestamp or webhook-signature header is missing.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookVerification.Invalid("The webhook-timestamp header is not a Unix time in seconds.");
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - sent).Duration() > (tolerance ?? DefaultTolerance))
        {
            return WebhookVerification.Invalid($"The webhook-timestamp {timestamp} is too far from the current time.");
        }

        var prefix = Encoding.UTF8.GetBytes(messageId + "." + timestamp + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        var expected = HMACSHA256.HashData(key, content);

        foreach (var part in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || part[..comma] != "v1")
            {
                continue;
            }

            var buffer = new byte[expected.Length + 3];
            if (Convert.TryFromBase64String(part[(comma + 1)..], buffer, out var written) && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(buffer.AsSpan(0, written), expected))
            {
                return WebhookVerification.Valid;
            }
        }

        return WebhookVerification.Invalid("No v1 signature in webhook-signature matches the body.");
    }

    /// <summary>
    /// Checks a GitHub-style <c>X-Hub-Signature-256</c> header (<c>sha256=</c> + hex HMAC-SHA256 of the body keyed with
    /// the UTF-8 bytes of the secret). This method has no timestamp, so it cannot detect a replayed delivery.
    /// </summary>
    /// <param name="secret">The shared secret exactly as configured on the sender.</param>
    /// <param name="signature">The header value.</param>
    /// <param name="body">The exact body bytes.</param>
    public static WebhookVerification VerifyHubSignature256(string secret, string? signature, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        const string Prefix = "sha256=";
        if (signature is null || !signature.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return WebhookVerification.Invalid("The X-Hub-Signature-256 header is missing or does not start with 'sha256='.");
        }

        byte[] received;
        try
        {
            received = Convert.FromHexString(signature.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return WebhookVerification.Invalid("The X-Hub-Signature-256 header is not hexadecimal.");
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(received, expected)
            ? WebhookVerification.Valid
            : WebhookVerification.Invalid("The X-Hub-Signature-256 header does not match the body.");
    }
}
