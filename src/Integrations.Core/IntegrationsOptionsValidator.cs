using Integrations.Http;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Startup validation of <see cref="IntegrationsOptions"/>: all cross-field rules in one place.</summary>
internal sealed class IntegrationsOptionsValidator : IValidateOptions<IntegrationsOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationsOptions options)
    {
        var errors = new List<string>();
        var encryption = options.Encryption;
        if (encryption.Keys.Count == 0)
        {
            errors.Add("IntegrationsOptions.Encryption needs at least one key to encrypt secret settings: options.Encryption.AddKey(\"key-1\", \"<32 random bytes in Base64>\").");
        }

        foreach (var (id, key) in encryption.Keys)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Contains(':', StringComparison.Ordinal))
            {
                errors.Add($"Encryption key id '{id}' is not valid: use a short id without ':'.");
            }

            if (key is null || key.Length != 32)
            {
                errors.Add($"Encryption key '{id}' must be exactly 32 bytes (AES-256); it has {key?.Length ?? 0}.");
            }
        }

        if (encryption.ActiveKeyId is { } active && !encryption.Keys.ContainsKey(active))
        {
            errors.Add($"Encryption.ActiveKeyId '{active}' is not one of the configured keys.");
        }
        else if (encryption.ActiveKeyId is null && encryption.Keys.Count > 1)
        {
            errors.Add("Several encryption keys are configured: set Encryption.ActiveKeyId to the one new values are encrypted with.");
        }

        if (options.EffectiveCacheDuration < TimeSpan.Zero || options.EffectiveCacheDuration > TimeSpan.FromHours(1))
        {
            errors.Add("EffectiveCacheDuration must be between 0 and 1 hour.");
        }

        if (options.MaxCachedScopes is < 1 or > 10_000_000)
        {
            errors.Add("MaxCachedScopes must be between 1 and 10,000,000.");
        }

        var network = options.Network;
        if (network.AllowedHosts.Count > 1000)
        {
            errors.Add("Network.AllowedHosts may hold at most 1,000 entries.");
        }

        foreach (var entry in network.AllowedHosts.Where(e => !OutboundAddressPolicy.IsValidEntry(e)))
        {
            errors.Add($"Network.AllowedHosts entry '{entry}' is not a host name, '*.suffix', IP address or CIDR range (at most 255 characters).");
        }

        if (network.MinTimeout <= TimeSpan.Zero || network.MaxTimeout > TimeSpan.FromMinutes(5) || network.MinTimeout > network.MaxTimeout)
        {
            errors.Add("Network timeouts must satisfy 0 < MinTimeout <= MaxTimeout <= 5 minutes.");
        }
        else if (network.DefaultTimeout < network.MinTimeout || network.DefaultTimeout > network.MaxTimeout)
        {
            errors.Add("Network.DefaultTimeout must be between MinTimeout and MaxTimeout.");
        }

        if (network.MaxResponseBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add("Network.MaxResponseBodyBytes must be between 1 KiB and 16 MiB.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
