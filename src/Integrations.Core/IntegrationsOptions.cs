using Integrations.Http;
using Integrations.Secrets;

namespace Integrations;

/// <summary>Instance-wide settings of the integrations framework. Validated at startup.</summary>
public sealed class IntegrationsOptions
{
    /// <summary>The key ring that encrypts secret settings at rest.</summary>
    /// <value>No keys by default: at least one must be added.</value>
    public SecretEncryptionOptions Encryption { get; } = new();

    /// <summary>Retries, claiming, auto-disable and retention of deliveries.</summary>
    public DeliveryOptions Delivery { get; } = new();

    /// <summary>The host's base URL, sent as <c>X-Gitlab-Instance</c> on every request an integration makes through
    /// <see cref="IntegrationExecutionContext.Http"/> (unless the request sets the header itself).</summary>
    /// <value>Null by default: the header is not sent.</value>
    public string? InstanceUrl { get; set; }

    /// <summary>Where integrations may send requests, timeouts and response limits.</summary>
    public OutboundNetworkOptions Network { get; } = new();

    /// <summary>
    /// The instance's allow-list of approved integration types (slugs). An integration of a type not on the list
    /// cannot be activated and is not run.
    /// </summary>
    /// <value>Null by default: every registered type is approved.</value>
    public ISet<string>? ApprovedTypes { get; set; }

    /// <summary>How long a project's resolved effective integrations are cached before they are read again.</summary>
    /// <value>30 seconds by default. Changes made through this process invalidate the cache at once; the duration
    /// bounds how long another process (a second host instance) may see old settings. Between 0 and 1 hour;
    /// <see cref="TimeSpan.Zero"/> disables the cache.</value>
    public TimeSpan EffectiveCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most scopes whose effective integrations are cached at once.</summary>
    /// <value>10,000 by default; between 1 and 10,000,000.</value>
    public int MaxCachedScopes { get; set; } = 10_000;
}
