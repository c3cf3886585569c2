using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integrations.Benchmarks;

/// <summary>
/// The webhook receiver every contender posts to, in a process of its own (this executable started with
/// <c>--receiver</c>), as a real receiver would be: its CPU is its own and is read from <c>/proc</c>, not mixed into the
/// sender's. Kestrel on 127.0.0.1 answers <c>POST /hook</c> with 200 after reading the body, counts requests and
/// distinct <c>webhook-id</c> headers; <c>GET /wait</c> and <c>POST /reset</c> are its control endpoints.
/// </summary>
internal sealed class ReceiverProcess : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly WebApplication? _inProcess;
    private readonly HttpClient _control;

    private ReceiverProcess(Process? process, WebApplication? inProcess, Uri baseAddress)
    {
        _process = process;
        _inProcess = inProcess;
        _control = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        Hook = new Uri(baseAddress, "hook");
    }

    /// <summary>Where contenders post.</summary>
    public Uri Hook { get; }

    /// <summary>The receiver's process id, for its CPU time.</summary>
    public int ProcessId => _process?.Id ?? Environment.ProcessId;

    /// <summary>
    /// Starts this executable as a receiver and waits for it to listen; with <paramref name="inProcess"/> (the
    /// <c>--receiver-in-process</c> switch, to compare with reports made before the receiver had a process of its own)
    /// the same receiver runs inside this process instead, and its CPU is counted as the sender's.
    /// </summary>
    public static async Task<ReceiverProcess> StartAsync(bool inProcess = false)
    {
        if (inProcess)
        {
            var app = await StartReceiverAsync();
            return new ReceiverProcess(null, app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        }

        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("No process path."), "--receiver")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The receiver process did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("RECEIVER ", StringComparison.Ordinal))
            {
                return new ReceiverProcess(process, null, new Uri(line["RECEIVER ".Length..].TrimEnd('/') + "/"));
            }
        }

        throw new InvalidOperationException("The receiver process ended before it listened.");
    }

    /// <summary>Forgets every request received so far.</summary>
    public async Task ResetAsync() => (await _control.PostAsync(new Uri("reset", UriKind.Relative), null)).EnsureSuccessStatusCode();

    /// <summary>Waits until <paramref name="count"/> requests have arrived since the last reset.</summary>
    /// <returns>How many arrived, how many distinct <c>webhook-id</c> headers they carried, and on how many connections.</returns>
    public async Task<(int Count, int DistinctIds, int Connections)> WaitForAsync(int count, TimeSpan timeout)
    {
        var counts = await _control.GetFromJsonAsync<Counts>(new Uri($"wait?count={count}&timeoutMs={(long)timeout.TotalMilliseconds}", UriKind.Relative))
            ?? throw new InvalidOperationException("The receiver sent no counts.");
        return counts.Count >= count ? (counts.Count, counts.Distinct, counts.Connections)
            : throw new TimeoutException($"The receiver had {counts.Count} of {count} requests after {timeout}.");
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync();
        }

        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    /// <summary>The child's main: serve until killed.</summary>
    public static async Task RunChildAsync()
    {
        var app = await StartReceiverAsync();
        Console.WriteLine("RECEIVER " + app.Urls.First());
        await app.WaitForShutdownAsync(CancellationToken.None);
    }

    private static async Task<WebApplication> StartReceiverAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var state = new ReceiverState();
        app.MapPost("/hook", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            state.Received(context.Request.Headers["webhook-id"].ToString(), context.Connection.Id);
            context.Response.StatusCode = 200;
        });
        app.MapGet("/wait", async (int count, long timeoutMs) =>
        {
            await state.WaitAsync(count, TimeSpan.FromMilliseconds(timeoutMs));
            return new Counts(state.Count, state.Distinct, state.Connections);
        });
        app.MapPost("/reset", () => state.Reset());
        await app.StartAsync();
        return app;
    }

    private sealed record Counts(int Count, int Distinct, int Connections);

    /// <summary>Counts requests; one waiter at a time is woken when the count reaches its target.</summary>
    private sealed class ReceiverState
    {
        private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> _connections = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();
        private int _count;
        private (int Target, TaskCompletionSource Done)? _waiter;

        public int Count => Volatile.Read(ref _count);

        public int Distinct => _ids.Count;

        public int Connections => _connections.Count;

        public void Received(string webhookId, string connectionId)
        {
            _connections.TryAdd(connectionId, 0);
            if (webhookId.Length > 0)
            {
                _ids.TryAdd(webhookId, 0);
            }

            var count = Interlocked.Increment(ref _count);
            lock (_gate)
            {
                if (_waiter is { } w && count >= w.Target)
                {
                    w.Done.TrySetResult();
                    _waiter = null;
                }
            }
        }

        public async Task WaitAsync(int target, TimeSpan timeout)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (Count >= target)
                {
                    return;
                }

                _waiter = (target, done);
            }

            await Task.WhenAny(done.Task, Task.Delay(timeout));
        }

        public void Reset()
        {
            lock (_gate)
            {
                Interlocked.Exchange(ref _count, 0);
                _ids.Clear();
                _connections.Clear();
                _waiter = null;
            }
        }
    }
}
