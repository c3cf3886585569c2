using System.Security.Cryptography;
using System.Text;

namespace Integrations.Core.Tests.Webhooks;

/// <summary>
/// An independent receiver-side implementation of Standard Webhooks verification, written from the specification
/// (not from the signer): strip <c>whsec_</c>, Base64-decode the key, HMAC-SHA256 over <c>id.timestamp.body</c>, accept
/// any <c>v1,</c> signature in the space-separated list, compare in constant time, and reject timestamps more than
/// five minutes away.
/// </summary>
internal static class StandardWebhooksVerifier
{
    public static bool Verify(string secret, string id, string timestamp, string signatureHeader, byte[] body, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, out var seconds) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var key = Convert.FromBase64String(secret.Replace("whsec_", string.Empty, StringComparison.Ordinal));
        using var hmac = new HMACSHA256(key);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var expected = hmac.ComputeHash(signed);
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = candidate.Split(',', 2);
            if (parts.Length == 2 && parts[0] == "v1" && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(parts[1]), expected))
            {
                return true;
            }
        }

        return false;
    }
}
