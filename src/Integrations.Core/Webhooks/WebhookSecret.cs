using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Integrations.Webhooks;

/// <summary>
/// Standard Webhooks signing secrets: <c>whsec_</c> followed by 24 to 64 random bytes in Base64. Receivers verify
/// with the same string, using any Standard Webhooks library.
/// </summary>
public static class WebhookSecret
{
    /// <summary>The prefix of every signing secret.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Creates a new secret of 32 random bytes.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Reads the key bytes of a secret (with or without the <c>whsec_</c> prefix).</summary>
    /// <param name="secret">The secret.</param>
    /// <param name="key">The key bytes when valid.</param>
    /// <returns>Whether the secret is valid Base64 of 24 to 64 bytes.</returns>
    public static bool TryGetKey(string? secret, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return false;
        }

        var text = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written is < 24 or > 64)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }
}
