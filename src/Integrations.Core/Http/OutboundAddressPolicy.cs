using System.Net;
using Microsoft.Extensions.Options;

namespace Integrations.Http;

/// <summary>Decides whether a resolved address may be connected to, applying the allow-list and the local-network switch.</summary>
internal sealed class OutboundAddressPolicy
{
    private readonly IOptionsMonitor<IntegrationsOptions> _options;

    public OutboundAddressPolicy(IOptionsMonitor<IntegrationsOptions> options) => _options = options;

    /// <summary>Null when allowed; otherwise the reason, naming the address.</summary>
    public string? WhyRefused(string host, IPAddress address)
    {
        var network = _options.CurrentValue.Network;
        if (network.AllowLocalNetwork || IsAllowListed(network.AllowedHosts, host, address))
        {
            return null;
        }

        var why = AddressClassifier.WhyNotPublic(address);
        return why is null ? null : $"{address} is {why}";
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
