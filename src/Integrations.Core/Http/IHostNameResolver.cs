using System.Net;

namespace Integrations.Http;

/// <summary>Resolves host names to addresses for the connect-time guard (replaceable in tests).</summary>
internal interface IHostNameResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver.</summary>
internal sealed class DnsHostNameResolver : IHostNameResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
