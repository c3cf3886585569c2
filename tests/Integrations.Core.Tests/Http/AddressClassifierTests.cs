using System.Net;
using Integrations.Http;

namespace Integrations.Core.Tests.Http;

public class AddressClassifierTests
{
    [TestCase("10.0.0.1", "a private network address (RFC 1918)")]
    [TestCase("172.16.5.4", "a private network address (RFC 1918)")]
    [TestCase("172.31.255.255", "a private network address (RFC 1918)")]
    [TestCase("192.168.1.1", "a private network address (RFC 1918)")]
    [TestCase("127.8.9.10", "a loopback address")]
    [TestCase("169.254.169.254", "the cloud metadata endpoint")]
    [TestCase("169.254.1.1", "a link-local address")]
    [TestCase("100.64.0.1", "a carrier-grade NAT address (100.64.0.0/10)")]
    [TestCase("100.100.100.200", "a carrier-grade NAT address (100.64.0.0/10)")]
    [TestCase("168.63.129.16", "the Azure platform endpoint (168.63.129.16)")]
    [TestCase("0.0.0.0", "the unspecified address")]
    [TestCase("0.1.2.3", "a 'this network' address (0.0.0.0/8)")]
    [TestCase("224.0.0.1", "a multicast address")]
    [TestCase("255.255.255.255", "the broadcast address")]
    [TestCase("240.0.0.1", "a reserved address (240.0.0.0/4)")]
    [TestCase("192.0.2.10", "a documentation address (TEST-NET)")]
    [TestCase("198.51.100.7", "a documentation address (TEST-NET)")]
    [TestCase("203.0.113.9", "a documentation address (TEST-NET)")]
    [TestCase("198.18.0.1", "a benchmarking address (198.18.0.0/15)")]
    [TestCase("::1", "a loopback address")]
    [TestCase("::", "the unspecified address")]
    [TestCase("fd00::1", "a unique-local address (fc00::/7)")]
    [TestCase("fd00:ec2::254", "a unique-local address (fc00::/7)")]
    [TestCase("fe80::1", "a link-local address")]
    [TestCase("fec0::1", "a site-local address (fec0::/10)")]
    [TestCase("ff02::1", "a multicast address")]
    [TestCase("2001::1", "a Teredo address (2001::/32), which hides the real destination")]
    [TestCase("2001:db8::1", "a documentation address (2001:db8::/32)")]
    [TestCase("100::1", "a discard-only address (100::/64)")]
    [TestCase("64:ff9b:1::1", "a local-use NAT64 address (64:ff9b:1::/48)")]
    [TestCase("::ffff:10.0.0.1", "a private network address (RFC 1918) written in IPv4-mapped form (10.0.0.1)")]
    [TestCase("::ffff:169.254.169.254", "the cloud metadata endpoint written in IPv4-mapped form (169.254.169.254)")]
    [TestCase("::10.0.0.1", "a private network address (RFC 1918) written in IPv4-compatible form (10.0.0.1)")]
    [TestCase("64:ff9b::a00:1", "a private network address (RFC 1918) written in NAT64 form (10.0.0.1)")]
    [TestCase("64:ff9b::7f00:1", "a loopback address written in NAT64 form (127.0.0.1)")]
    [TestCase("2002:a9fe:a9fe::", "the cloud metadata endpoint written in 6to4 form (169.254.169.254)")]
    [TestCase("2002:c0a8:0101::1", "a private network address (RFC 1918) written in 6to4 form (192.168.1.1)")]
    public void Non_public_addresses_are_named(string address, string reason)
    {
        AddressClassifier.WhyNotPublic(IPAddress.Parse(address)).Should().Be(reason);
    }

    [TestCase("8.8.8.8")]
    [TestCase("93.184.216.34")]
    [TestCase("172.32.0.1")]
    [TestCase("100.128.0.1")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    [TestCase("2002:0808:0808::1")]
    public void Public_addresses_are_allowed(string address)
    {
        AddressClassifier.WhyNotPublic(IPAddress.Parse(address)).Should().BeNull();
    }
}
