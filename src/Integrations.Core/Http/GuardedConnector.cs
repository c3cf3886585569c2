using System.Net;
using System.Net.Sockets;

namespace Integrations.Http;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the integrations client. It resolves the host itself,
/// checks every resolved address (an IP literal in any spelling, or a name that resolves to a refused address), and
/// connects to the checked address. Checking at connect time covers redirects, DNS rebinding and retries.
/// </summary>
internal sealed class GuardedConnector
{
    private readonly OutboundAddressPolicy _policy;
    private readonly IHostNameResolver _resolver;

    public GuardedConnector(OutboundAddressPolicy policy, IHostNameResolver resolver)
    {
        _policy = policy;
        _resolver = resolver;
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);

        // Refuse when any resolved address is refused: a name that resolves to both a public and a private address
        // must not reach the private one by chance.
        foreach (var address in addresses)
        {
            if (_policy.WhyRefused(host, address) is { } why)
            {
                throw new OutboundRequestRefusedException(OutboundAddressPolicy.RefusalMessage(host, address, why));
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var literal = host.Length > 2 && host[0] == '[' ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var ip))
        {
            return [ip];
        }

        var addresses = await _resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0
            ? addresses
            : throw new OutboundRequestRefusedException($"The request to '{host}' was refused: the name does not resolve to any address.");
    }
}
