using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Integrations.Webhooks;

namespace Integrations.Providers.Slack;

/// <summary>
/// Checks that a request (a slash command, an interaction) comes from Slack: <c>X-Slack-Signature</c> is
/// <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c> under the app's signing secret, and
/// the timestamp is within five minutes of now (against replays). The comparison takes constant time.
/// </summary>
public static class SlackRequestVerifier
{
    /// <summary>How far the request timestamp may be from now.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Checks a request.</summary>
    /// <param name="signingSecret">The Slack app's signing secret.</param>
    /// <param name="timestamp">The <c>X-Slack-Request-Timestamp</c> header.</param>
    /// <param name="signature">The <c>X-Slack-Signature</c> header.</param>
    /// <param name="body">The exact body bytes, before any form parsing.</param>
    /// <param name="now">The current time.</param>
    public static WebhookVerification Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return WebhookVerification.Invalid("The X-Slack-Request-Timestamp or X-Slack-Signature header is missing.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return WebhookVerification.Invalid("The X-Slack-Request-Timestamp is not within five minutes of now.");
        }

        if (!signature.StartsWith("v0=", StringComparison.Ordinal))
        {
            return WebhookVerification.Invalid("The X-Slack-Signature is not a v0 signature.");
        }

        var prefix = Encoding.UTF8.GetBytes("v0:" + timestamp + ":");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), signed);
        byte[] received;
        try
        {
            received = Convert.FromHexString(signature.AsSpan(3));
        }
        catch (FormatException)
        {
            return WebhookVerification.Invalid("The X-Slack-Signature is not hexadecimal.");
        }

        return CryptographicOperations.FixedTimeEquals(received, expected)
            ? WebhookVerification.Valid
            : WebhookVerification.Invalid("The X-Slack-Signature does not match the body.");
    }
}
