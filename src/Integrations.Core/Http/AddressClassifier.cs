using System.Net;
using System.Net.Sockets;

namespace Integrations.Http;

/// <summary>
/// Says whether an IP address is on the public internet, and if not, what it is. Every non-global range is named:
/// loopback, RFC 1918 private, link-local (which holds the cloud metadata endpoints), carrier-grade NAT, unspecified,
/// multicast, broadcast, documentation, benchmarking and reserved ranges, IPv6 unique-local and site-local. IPv4
/// embedded in IPv6 (IPv4-mapped, IPv4-compatible, NAT64 and 6to4) is judged by the IPv4 address inside it; Teredo is
/// refused because it hides the real address.
/// </summary>
internal static class AddressClassifier
{
    /// <summary>Null when the address is public; otherwise a short reason ("a loopback address").</summary>
    public static string? WhyNotPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded(address.MapToIPv4(), "IPv4-mapped");
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => WhyNotPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => WhyNotPublicV6(address),
            _ => "not an IP address",
        };
    }

    private static string? WhyNotPublicV4(byte[] b)
    {
        uint v = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        return v switch
        {
            _ when In(v, 0x00000000, 8) => v == 0 ? "the unspecified address" : "a 'this network' address (0.0.0.0/8)",
            _ when In(v, 0x7F000000, 8) => "a loopback address",
            _ when In(v, 0x0A000000, 8) || In(v, 0xAC100000, 12) || In(v, 0xC0A80000, 16) => "a private network address (RFC 1918)",
            _ when v == 0xA9FEA9FE => "the cloud metadata endpoint",
            _ when In(v, 0xA9FE0000, 16) => "a link-local address",
            _ when In(v, 0x64400000, 10) => "a carrier-grade NAT address (100.64.0.0/10)",
            _ when v == 0xA83F8110 => "the Azure platform endpoint (168.63.129.16)",
            _ when In(v, 0xC0000000, 24) => "an IETF protocol assignment address (192.0.0.0/24)",
            _ when In(v, 0xC0000200, 24) || In(v, 0xC6336400, 24) || In(v, 0xCB007100, 24) => "a documentation address (TEST-NET)",
            _ when In(v, 0xC0586300, 24) => "a deprecated 6to4 relay address (192.88.99.0/24)",
            _ when In(v, 0xC6120000, 15) => "a benchmarking address (198.18.0.0/15)",
            _ when In(v, 0xE0000000, 4) => "a multicast address",
            _ when v == 0xFFFFFFFF => "the broadcast address",
            _ when In(v, 0xF0000000, 4) => "a reserved address (240.0.0.0/4)",
            _ => null,
        };
    }

    private static string? WhyNotPublicV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return "the unspecified address";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "a loopback address";
        }

        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            // ::a.b.c.d, the deprecated IPv4-compatible form.
            return Embedded(new IPAddress(b.AsSpan(12, 4)), "IPv4-compatible");
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return Embedded(new IPAddress(b.AsSpan(12, 4)), "NAT64");                  // 64:ff9b::/96
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0x00 && b[5] == 0x01)
        {
            return "a local-use NAT64 address (64:ff9b:1::/48)";
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return Embedded(new IPAddress(b.AsSpan(2, 4)), "6to4");                    // 2002::/16
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            return "a Teredo address (2001::/32), which hides the real destination";
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
        {
            return "a documentation address (2001:db8::/32)";
        }

        if (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0)
        {
            return "a discard-only address (100::/64)";
        }

        if ((b[0] & 0xFE) == 0xFC)
        {
            return "a unique-local address (fc00::/7)";
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
        {
            return "a link-local address";
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)
        {
            return "a site-local address (fec0::/10)";
        }

        if (b[0] == 0xFF)
        {
            return "a multicast address";
        }

        return (b[0] & 0xE0) == 0x20 ? null : "a reserved IPv6 address (outside 2000::/3)";
    }

    private static string? Embedded(IPAddress v4, string form)
    {
        var inner = WhyNotPublicV4(v4.GetAddressBytes());
        return inner is null ? null : $"{inner} written in {form} form ({v4})";
    }

    private static bool In(uint value, uint network, int prefix) => (value >> (32 - prefix)) == (network >> (32 - prefix));
}
