using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Integrations.Secrets;

/// <summary>
/// Encrypts and decrypts secret values with AES-256-GCM. Stored form: <c>enc:v1:{keyId}:{base64url(nonce|tag|ciphertext)}</c>.
/// The associated data binds each value to its integration and key, so a ciphertext copied into another row or
/// field does not decrypt.
/// </summary>
internal sealed class SecretProtector
{
    private const string Prefix = "enc:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly IOptionsMonitor<IntegrationsOptions> _options;

    public SecretProtector(IOptionsMonitor<IntegrationsOptions> options) => _options = options;

    public static bool IsProtected(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string plaintext, string associatedData)
    {
        var encryption = _options.CurrentValue.Encryption;
        var keyId = encryption.EffectiveActiveKeyId;
        if (!encryption.Keys.TryGetValue(keyId, out var key))
        {
            throw new InvalidOperationException("No active secret encryption key is configured (IntegrationsOptions.Encryption).");
        }

        var plain = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[NonceSize + TagSize + plain.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plain, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), Aad(keyId, associatedData));
        }

        CryptographicOperations.ZeroMemory(plain);
        return Prefix + keyId + ":" + Base64Url.EncodeToString(blob);
    }

    public string Unprotect(string stored, string associatedData)
    {
        if (!IsProtected(stored))
        {
            throw new SecretDecryptionException("The value is not in the encrypted format.");
        }

        var rest = stored.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0)
        {
            throw new SecretDecryptionException("The encrypted value has no key id.");
        }

        var keyId = rest[..colon].ToString();
        if (!_options.CurrentValue.Encryption.Keys.TryGetValue(keyId, out var key))
        {
            throw new SecretDecryptionException($"The value was encrypted with key '{keyId}', which is not configured.");
        }

        byte[] blob;
        try
        {
            blob = Base64Url.DecodeFromChars(rest[(colon + 1)..]);
        }
        catch (FormatException)
        {
            throw new SecretDecryptionException("The encrypted value is not valid Base64.");
        }

        if (blob.Length < NonceSize + TagSize)
        {
            throw new SecretDecryptionException("The encrypted value is truncated.");
        }

        var plain = new byte[blob.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plain, Aad(keyId, associatedData));
        }
        catch (CryptographicException)
        {
            throw new SecretDecryptionException($"The value does not decrypt with key '{keyId}': it was altered or belongs to another integration.");
        }

        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Aad(string keyId, string associatedData) => Encoding.UTF8.GetBytes(keyId + "|" + associatedData);
}
