namespace Integrations.Http;

/// <summary>
/// Where integrations may send requests, and how long they may take. By default only public internet addresses are
/// reachable: the check runs when the connection is made, on the resolved address, so DNS tricks and redirects
/// cannot reach the local network.
/// </summary>
public sealed class OutboundNetworkOptions
{
    /// <summary>Whether integrations may reach loopback, private, link-local and other non-public addresses.</summary>
    /// <value>False by default. Turn it on only for on-premises installations whose tools live on the local network.</value>
    public bool AllowLocalNetwork { get; set; }

    /// <summary>
    /// Hosts that may be reached even on the local network: host names (<c>jira.corp.example</c>), wildcard
    /// suffixes (<c>*.corp.example</c>), IP addresses and CIDR ranges (<c>10.20.0.0/16</c>).
    /// </summary>
    /// <value>Empty by default; at most 1,000 entries of at most 255 characters.</value>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>
    /// The <c>User-Agent</c> of every request integrations make, unless an integration sets its own: name your product
    /// and a contact, as receivers' operators ask (<c>MyForge/2.3 (+https://forge.example.com/help/webhooks)</c>).
    /// </summary>
    /// <value>Null by default: <see cref="IntegrationsHttp.DefaultUserAgent"/> (<c>Integrations/</c> and the library
    /// version). Must be a valid <c>User-Agent</c> header value.</value>
    public string? UserAgent { get; set; }

    /// <summary>The <c>User-Agent</c> sent: <see cref="UserAgent"/> or <see cref="IntegrationsHttp.DefaultUserAgent"/>.</summary>
    internal string EffectiveUserAgent => string.IsNullOrWhiteSpace(UserAgent) ? IntegrationsHttp.DefaultUserAgent : UserAgent;

    /// <summary>The timeout of one delivery attempt when the integration sets none.</summary>
    /// <value>10 seconds by default; between <see cref="MinTimeout"/> and <see cref="MaxTimeout"/>.</value>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest timeout an integration may choose.</summary>
    /// <value>1 second by default.</value>
    public TimeSpan MinTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest timeout an integration may choose.</summary>
    /// <value>60 seconds by default; at most 5 minutes.</value>
    public TimeSpan MaxTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most response-body bytes read from an outside system; the rest is discarded unread.</summary>
    /// <value>64 KiB by default; between 1 KiB and 16 MiB.</value>
    public int MaxResponseBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Clamps a requested per-integration timeout into the allowed range.</summary>
    /// <param name="requested">The integration's timeout, or null for the default.</param>
    public TimeSpan ClampTimeout(TimeSpan? requested)
    {
        var value = requested ?? DefaultTimeout;
        return value < MinTimeout ? MinTimeout : value > MaxTimeout ? MaxTimeout : value;
    }
}
