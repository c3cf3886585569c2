namespace Integrations.Secrets;

/// <summary>
/// The key ring that encrypts secret settings at rest (AES-256-GCM). Every encrypted value records the id of the
/// key that encrypted it, so keys can rotate: add a new key, make it active, and keep the old one until every
/// integration has been saved again.
/// </summary>
public sealed class SecretEncryptionOptions
{
    /// <summary>The keys by id; each exactly 32 random bytes.</summary>
    /// <value>Empty by default; at least one key is required at startup.</value>
    public IDictionary<string, byte[]> Keys { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>The id of the key new values are encrypted with.</summary>
    /// <value>Null by default, meaning the only key when there is exactly one.</value>
    public string? ActiveKeyId { get; set; }

    /// <summary>Adds a key from its Base64 text (for example from configuration or a secret store).</summary>
    /// <param name="keyId">A short id stored beside every value it encrypts, for example <c>2026-11</c>.</param>
    /// <param name="base64Key">32 random bytes in Base64 (<c>openssl rand -base64 32</c>).</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentException">The text is not Base64; the message names the key id, never the text.</exception>
    public SecretEncryptionOptions AddKey(string keyId, string base64Key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        if (string.IsNullOrWhiteSpace(base64Key))
        {
            throw new ArgumentException(
                $"IntegrationsOptions.Encryption key '{keyId}' is {(base64Key is null ? "null" : "empty")}: the configuration value it was read from is missing " +
                "(for example Integrations:Key in appsettings.json, user secrets or an environment variable such as Integrations__Key). " +
                "Generate a key with 'openssl rand -base64 32' and store it there.",
                nameof(base64Key));
        }

        var bytes = new byte[(base64Key.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(base64Key.Trim(), bytes, out var written))
        {
            throw new ArgumentException(
                $"IntegrationsOptions.Encryption key '{keyId}' is not Base64. Generate one with 'openssl rand -base64 32' and pass that text.",
                nameof(base64Key));
        }

        Keys[keyId] = bytes[..written];
        return this;
    }

    /// <summary>The id of the key used to encrypt, once options are valid.</summary>
    internal string EffectiveActiveKeyId => ActiveKeyId ?? (Keys.Count == 1 ? Keys.Keys.First() : string.Empty);
}
