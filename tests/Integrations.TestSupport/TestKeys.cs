using System.Security.Cryptography;

namespace Integrations.TestSupport;

/// <summary>Fresh random AES-256 keys for tests.</summary>
public static class TestKeys
{
    public static string NewBase64Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
