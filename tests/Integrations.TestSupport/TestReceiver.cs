using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.TestSupport;

/// <summary>One request as the receiver saw it, byte for byte.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a port of its own, standing in for Slack, Jira, ServiceNow or any webhook
/// receiver. It records every request; <see cref="Respond"/> decides the answer and can be changed mid-test
/// (receiver down, then up).
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private TestReceiver(WebApplication app) => _app = app;

    /// <summary>Decides each response; by default 200 with an empty body.</summary>
    public Func<ReceivedRequest, HttpContext, Task> Respond { get; set; } = (_, context) =>
    {
        context.Response.StatusCode = 200;
        return Task.CompletedTask;
    };

    public Uri BaseAddress { get; private set; } = null!;

    public int Port => BaseAddress.Port;

    public IReadOnlyCollection<ReceivedRequest> Requests => _requests;

    /// <summary>Starts a receiver on a free port of 127.0.0.1: plain HTTP, or HTTPS with <paramref name="certificate"/>.</summary>
    public static async Task<TestReceiver> StartAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        }

        var app = builder.Build();
        var receiver = new TestReceiver(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray());
            receiver._requests.Enqueue(request);
            receiver._arrived.Release();
            await receiver.Respond(request, context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return receiver;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>Waits until at least <paramref name="count"/> requests arrived in total.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (_requests.Count < count)
        {
            await _arrived.WaitAsync(cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
