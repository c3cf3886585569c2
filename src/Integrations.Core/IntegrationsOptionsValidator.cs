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
            errors.Add($"Encryption.ActiveKeyId '{active}' is not one of the configured keys ({string.Join(", ", encryption.Keys.Keys)}).");
        }
        else if (encryption.ActiveKeyId is null && encryption.Keys.Count > 1)
        {
            errors.Add($"Several encryption keys are configured ({string.Join(", ", encryption.Keys.Keys)}): set Encryption.ActiveKeyId to the one new values are encrypted with.");
        }

        if (options.EffectiveCacheDuration < TimeSpan.Zero || options.EffectiveCacheDuration > TimeSpan.FromHours(1))
        {
            errors.Add($"EffectiveCacheDuration must be between 0 and 1 hour; it is {options.EffectiveCacheDuration}.");
        }

        if (options.MaxCachedScopes is < 1 or > 10_000_000)
        {
            errors.Add($"MaxCachedScopes must be between 1 and 10,000,000; it is {options.MaxCachedScopes}.");
        }

        var network = options.Network;
        if (network.AllowedHosts.Count > 1000)
        {
            errors.Add($"Network.AllowedHosts may hold at most 1,000 entries; it holds {network.AllowedHosts.Count}.");
        }

        foreach (var entry in network.AllowedHosts.Where(e => !OutboundAddressPolicy.IsValidEntry(e)))
        {
            errors.Add($"Network.AllowedHosts entry '{entry}' is not a host name, '*.suffix', IP address or CIDR range (at most 255 characters).");
        }

        if (network.MinTimeout <= TimeSpan.Zero || network.MaxTimeout > TimeSpan.FromMinutes(5) || network.MinTimeout > network.MaxTimeout)
        {
            errors.Add($"Network timeouts must satisfy 0 < MinTimeout <= MaxTimeout <= 5 minutes; MinTimeout is {network.MinTimeout}, MaxTimeout is {network.MaxTimeout}.");
        }
        else if (network.DefaultTimeout < network.MinTimeout || network.DefaultTimeout > network.MaxTimeout)
        {
            errors.Add($"Network.DefaultTimeout must be between MinTimeout ({network.MinTimeout}) and MaxTimeout ({network.MaxTimeout}); it is {network.DefaultTimeout}.");
        }

        if (network.UserAgent is { } userAgent && !ValidUserAgent(userAgent))
        {
            errors.Add($"Network.UserAgent '{userAgent}' is not a valid User-Agent header: use product tokens such as 'MyForge/2.3 (+https://forge.example.com)'.");
        }

        if (network.MaxResponseBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add($"Network.MaxResponseBodyBytes must be between 1 KiB and 16 MiB; it is {network.MaxResponseBodyBytes}.");
        }

        ValidateDelivery(options.Delivery, network, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool ValidUserAgent(string value)
    {
        using var request = new HttpRequestMessage();
        return !string.IsNullOrWhiteSpace(value) && request.Headers.UserAgent.TryParseAdd(value);
    }

    /// <summary>Every documented range of <see cref="DeliveryOptions"/>, and the rules between options.</summary>
    private static void ValidateDelivery(DeliveryOptions delivery, OutboundNetworkOptions network, List<string> errors)
    {
        void Range<T>(string name, T value, T min, T max, string? shown = null)
            where T : IComparable<T>
        {
            if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
            {
                errors.Add($"Delivery.{name} must be between {shown ?? $"{min} and {max}"}; it is {value}.");
            }
        }

        Range(nameof(delivery.Jitter), delivery.Jitter, 0, 0.5);
        Range(nameof(delivery.MaxConcurrency), delivery.MaxConcurrency, 1, 512);
        Range(nameof(delivery.BatchSize), delivery.BatchSize, 1, 10_000);
        Range(nameof(delivery.MaxRetryAfter), delivery.MaxRetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7), "1 second and 7 days");
        Range(nameof(delivery.PollInterval), delivery.PollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5), "10 ms and 5 minutes");
        Range(nameof(delivery.LeaseDuration), delivery.LeaseDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "1 second and 1 hour");
        Range(nameof(delivery.Retention), delivery.Retention, TimeSpan.FromHours(1), TimeSpan.FromDays(3650), "1 hour and 3650 days");
        Range(nameof(delivery.FailuresBeforeTemporaryDisable), delivery.FailuresBeforeTemporaryDisable, 1, 1000);
        Range(nameof(delivery.FailuresBeforePermanentDisable), delivery.FailuresBeforePermanentDisable, 1, 10_000);
        Range(nameof(delivery.DisableBackoffBase), delivery.DisableBackoffBase, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "1 second and 1 day");
        Range(nameof(delivery.DisableBackoffMax), delivery.DisableBackoffMax, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30), "1 second and 30 days");
        Range(nameof(delivery.LoggedResponseBodyBytes), delivery.LoggedResponseBodyBytes, 0, 1024 * 1024, "0 and 1 MiB");
        Range(nameof(delivery.LoggedRequestBodyBytes), delivery.LoggedRequestBodyBytes, 0, 16 * 1024 * 1024, "0 and 16 MiB");
        Range(nameof(delivery.LoggedResponseHeaders), delivery.LoggedResponseHeaders, 0, 1000);

        if (delivery.RetrySchedule.Count > 100)
        {
            errors.Add($"Delivery.RetrySchedule may hold at most 100 waits; it holds {delivery.RetrySchedule.Count}.");
        }

        for (var i = 0; i < delivery.RetrySchedule.Count; i++)
        {
            if (delivery.RetrySchedule[i] <= TimeSpan.Zero || delivery.RetrySchedule[i] > TimeSpan.FromDays(7))
            {
                errors.Add($"Delivery.RetrySchedule[{i}] must be more than 0 and at most 7 days; it is {delivery.RetrySchedule[i]}.");
            }
        }

        if (delivery.LeaseDuration <= network.MaxTimeout)
        {
            errors.Add($"Delivery.LeaseDuration ({delivery.LeaseDuration}) must be longer than Network.MaxTimeout ({network.MaxTimeout}): "
                + "otherwise another worker takes over a delivery whose call is still running, and it is sent twice.");
        }

        if (delivery.FailuresBeforePermanentDisable <= delivery.FailuresBeforeTemporaryDisable)
        {
            errors.Add($"Delivery.FailuresBeforePermanentDisable ({delivery.FailuresBeforePermanentDisable}) must be greater than "
                + $"Delivery.FailuresBeforeTemporaryDisable ({delivery.FailuresBeforeTemporaryDisable}).");
        }

        if (delivery.DisableBackoffMax < delivery.DisableBackoffBase)
        {
            errors.Add($"Delivery.DisableBackoffMax ({delivery.DisableBackoffMax}) must be at least Delivery.DisableBackoffBase ({delivery.DisableBackoffBase}).");
        }
    }
}
