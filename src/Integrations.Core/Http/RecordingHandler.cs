

namespace Integrations.Http;

/// <summary>
/// Wraps the guarded integrations handler for one attempt and records what was sent and received, so every
/// integration that uses <see cref="IntegrationExecutionContext.Http"/> gets a delivery log without doing anything. The
/// response body is read (up to the cap) and handed on from memory.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly int _maxRequestBytes;
    private readonly int _maxResponseBytes;
    private readonly List<HttpExchange> _exchanges = [];

    public RecordingHandler(HttpMessageHandler inner, int maxRequestBytes, int maxResponseBytes)
        : base(inner)
    {
        _maxRequestBytes = maxRequestBytes;
        _maxResponseBytes = maxResponseBytes;
    }

    public IReadOnlyList<HttpExchange> Exchanges => _exchanges;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = Array.Empty<byte>();
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var all = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            requestBody = all.Length > _maxRequestBytes ? all[.._maxRequestBytes] : all;
        }

        var requestHeaders = AsSent(request.Headers).Concat(request.Content is null ? [] : AsSent(request.Content.Headers)).ToList();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _exchanges.Add(new HttpExchange(request.Method.Method, request.RequestUri!, requestHeaders, requestBody, null, [], [], ex.InnerException?.Message ?? ex.Message));
            throw;
        }

        var (body, _) = await IntegrationsHttp.ReadCappedAsync(response.Content, _maxResponseBytes, cancellationToken).ConfigureAwait(false);
        var contentHeaders = response.Content.Headers.ToList();
        var replacement = new ByteArrayContent(body);
        foreach (var header in contentHeaders)
        {
            replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content.Dispose();
        response.Content = replacement;
        var responseHeaders = AsSent(response.Headers).Concat(AsSent(replacement.Headers)).ToList();
        _exchanges.Add(new HttpExchange(request.Method.Method, request.RequestUri!, requestHeaders, requestBody, (int)response.StatusCode, responseHeaders, body, null));
        return response;
    }

    /// <summary>Headers as they go on the wire: each value joined with its own header's separator (a space for User-Agent).</summary>
    private static IEnumerable<KeyValuePair<string, string>> AsSent(System.Net.Http.Headers.HttpHeaders headers) =>
        headers.NonValidated.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()));

    // The inner handler is the factory's pooled handler: never dispose it here.
    protected override void Dispose(bool disposing)
    {
    }
}
