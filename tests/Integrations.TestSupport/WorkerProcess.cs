using System.Diagnostics;

namespace Integrations.TestSupport;

/// <summary>Starts <c>Integrations.TestWorker</c> as a separate OS process, so a test can kill a worker mid-flight.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public static async Task<WorkerProcess> StartAsync(TestDatabase database, string encryptionKey, int leaseSeconds, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(database);
        var dll = Path.Combine(AppContext.BaseDirectory.Replace(
            $"{Path.DirectorySeparatorChar}Integrations.Core.Tests{Path.DirectorySeparatorChar}",
            $"{Path.DirectorySeparatorChar}Integrations.TestWorker{Path.DirectorySeparatorChar}", StringComparison.Ordinal), "Integrations.TestWorker.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("The test worker is not built next to the tests.", dll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(database.IsSqlite ? "sqlite" : "postgres");
        start.ArgumentList.Add(database.ConnectionString);
        start.ArgumentList.Add(leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["INTEGRATIONS_TEST_KEY"] = encryptionKey;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the test worker.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "ready")
            {
                return new WorkerProcess(process);
            }
        }

        throw new InvalidOperationException("The test worker exited before it was ready: " + await process.StandardError.ReadToEndAsync());
    }

    /// <summary>Kills the process at once, as a crash or an OOM kill would: no shutdown, claims left behind.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
