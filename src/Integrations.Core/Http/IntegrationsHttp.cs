using System.Buffers;
namespace Integrations.Http;

/// <summary>
/// The HTTP client integrations use: <c>httpClientFactory.CreateClient(IntegrationsHttp.ClientName)</c>. It is pooled,
/// guarded against the local network at connect time, uses no proxy or cookies, and does not follow redirects. A 3xx
/// answer reaches the integration as it is. It has no overall timeout of its own: each attempt is bounded by the
/// integration's timeout through its cancellation token.
/// </summary>
public static class IntegrationsHttp
{
    /// <summary>The name of the named <see cref="HttpClient"/>.</summary>
    public const string ClientName = "Integrations";

    /// <summary>
    /// The handler used for integrations whose <see cref="Integration.VerifiesServerCertificate"/> is false: the same
    /// guard and settings, without certificate validation.
    /// </summary>
    public const string UnverifiedTlsClientName = "Integrations.UnverifiedTls";

    /// <summary>
    /// The <c>User-Agent</c> sent when <see cref="OutboundNetworkOptions.UserAgent"/> is not set: the library's name and
    /// version (<c>Integrations/0.1.0</c>), nothing else. Hosts name themselves through that option.
    /// </summary>
    public static string DefaultUserAgent { get; } = "Integrations/" + LibraryVersion();

    private static string LibraryVersion()
    {
        var assembly = typeof(IntegrationsHttp).Assembly;
        var informational = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(assembly)?.InformationalVersion;
        var version = informational?.Split('+')[0];
        return string.IsNullOrEmpty(version) ? assembly.GetName().Version?.ToString(3) ?? "0" : version;
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes of a response body and leaves the rest unread.
    /// </summary>
    /// <param name="content">The response content.</param>
    /// <param name="maxBytes">The most bytes to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes read, and whether the body was longer.</returns>
    internal static async Task<(byte[] Body, bool Truncated)> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // A pooled chunk, not a cap-sized array: most responses are small, and a fresh 64 KiB array per delivery
            // was the worker's largest allocation.
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 16 * 1024));
            try
            {
                using var collected = new MemoryStream();
                while (collected.Length <= maxBytes)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, maxBytes + 1 - collected.Length)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    collected.Write(buffer, 0, read);
                }

                var all = collected.Length == 0 ? [] : collected.ToArray();
                return all.Length > maxBytes ? (all[..maxBytes], true) : (all, false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
