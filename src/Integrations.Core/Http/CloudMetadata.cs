using System.Net;

namespace Integrations.Http;

/// <summary>
/// The cloud instance metadata endpoints, which hand out the host's own credentials to whoever asks: AWS, GCP, Azure
/// and OpenStack at 169.254.169.254 (and AWS's IPv6 fd00:ec2::254), Alibaba Cloud at 100.100.100.200, Azure's platform
/// endpoint 168.63.129.16, and GCP's <c>metadata.google.internal</c>. They are refused even when the local network is
/// allowed, unless named in <see cref="OutboundNetworkOptions.AllowedHosts"/>.
/// </summary>
internal static class CloudMetadata
{
    /// <summary>The link-local metadata address most clouds use.</summary>
    public static readonly IPAddress LinkLocalEndpoint = IPAddress.Parse("169.254.169.254");

    private static readonly IPAddress[] Endpoints =
    [
        LinkLocalEndpoint,
        IPAddress.Parse("fd00:ec2::254"),
        IPAddress.Parse("100.100.100.200"),
        IPAddress.Parse("168.63.129.16"),
    ];

    private static readonly string[] HostNames = ["metadata.google.internal", "metadata.goog", "metadata"];

    /// <summary>What the destination is when it is a metadata endpoint (by address or by name); otherwise null.</summary>
    public static string? Describe(string host, IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (Array.Exists(Endpoints, e => e.Equals(plain)))
        {
            return "a cloud metadata endpoint";
        }

        return IsMetadataHostName(host) ? "a cloud metadata endpoint (by its name)" : null;
    }

    /// <summary>Whether a host name names a metadata endpoint (case-insensitive, a trailing dot ignored).</summary>
    public static bool IsMetadataHostName(string host) =>
        Array.Exists(HostNames, n => string.Equals(n, host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
}
