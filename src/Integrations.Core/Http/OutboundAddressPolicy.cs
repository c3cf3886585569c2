using System.Net;
using Microsoft.Extensions.Options;

namespace Integrations.Http;

/// <summary>Decides whether a resolved address may be connected to, applying the allow-list and the local-network switch.</summary>
internal sealed class OutboundAddressPolicy : IOutboundUrlCheck
{
    private readonly IOptionsMonitor<IntegrationsOptions> _options;

    public OutboundAddressPolicy(IOptionsMonitor<IntegrationsOptions> options) => _options = options;

    /// <summary>Null when allowed; otherwise the reason, naming the address.</summary>
    public string? WhyRefused(string host, IPAddress address)
    {
        var network = _options.CurrentValue.Network;
        if (IsAllowListed(network.AllowedHosts, host, address))
        {
            return null;
        }

        if (CloudMetadata.Describe(host, address) is { } metadata)
        {
            return $"{address} is {metadata}, refused even with Network.AllowLocalNetwork: it hands out the host's cloud credentials";
        }

        if (network.AllowLocalNetwork)
        {
            return null;
        }

        var why = AddressClassifier.WhyNotPublic(address);
        return why is null ? null : $"{address} is {why}";
    }

    /// <summary>
    /// The check made when a URL is saved (the connect-time guard stays the real defence, since a name may resolve
    /// differently later): null when the URL may be delivered to as far as can be told without resolving its host, else
    /// the same message the guard gives. A literal IP address and <c>localhost</c> names are checked against the same
    /// allow-list and local-network switch; other host names pass until they are resolved at connect time.
    /// </summary>
    public string? WhyUrlRefused(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            return $"The scheme '{url.Scheme}' cannot be delivered to: use http or https.";
        }

        var host = url.IdnHost;
        var literal = host.Length > 2 && host[0] == '[' ? host[1..^1] : host;
        var address = IPAddress.TryParse(literal, out var ip) ? ip
            : literal.Equals("localhost", StringComparison.OrdinalIgnoreCase) || literal.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : CloudMetadata.IsMetadataHostName(literal) ? CloudMetadata.LinkLocalEndpoint
            : null;
        return address is not null && WhyRefused(literal, address) is { } why ? RefusalMessage(literal, address, why) : null;
    }

    string? IOutboundUrlCheck.WhyRefused(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? WhyUrlRefused(url) : "The URL is not absolute.";
    }

    /// <summary>The message for a refused destination, naming it and the options that would allow it.</summary>
    public static string RefusalMessage(string host, IPAddress address, string why)
    {
        var named = IPAddress.TryParse(host, out _) ? $"'{host}'" : $"'{host}' (which resolves to {address})";
        var remedy = CloudMetadata.Describe(host, address) is null
            ? "add it to IntegrationsOptions.Network.AllowedHosts (for local development, name the host there rather than set Network.AllowLocalNetwork)"
            : "name it in IntegrationsOptions.Network.AllowedHosts";
        return $"The request to {named} was refused: {why}. If this destination is intended, {remedy}.";
    }

    /// <summary>Whether an allow-list entry is a host name, wildcard suffix, IP address or CIDR range.</summary>
    public static bool IsValidEntry(string entry) =>
        !string.IsNullOrWhiteSpace(entry) && entry.Length <= 255
        && (IPNetwork.TryParse(entry, out _) || IPAddress.TryParse(entry, out _)
            || Uri.CheckHostName(entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry) == UriHostNameType.Dns);

    private static bool IsAllowListed(IList<string> allowed, string host, IPAddress address)
    {
        foreach (var entry in allowed)
        {
            if (IPNetwork.TryParse(entry, out var range))
            {
                if (range.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))
                {
                    return true;
                }
            }
            else if (IPAddress.TryParse(entry, out var ip))
            {
                if (ip.Equals(address) || (address.IsIPv4MappedToIPv6 && ip.Equals(address.MapToIPv4())))
                {
                    return true;
                }
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                if (host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            else if (string.Equals(entry, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
