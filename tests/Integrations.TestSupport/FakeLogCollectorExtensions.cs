using Microsoft.Extensions.Logging.Testing;

namespace Integrations.TestSupport;

/// <summary>Waiting for a log record as a signal, instead of sleeping and looking.</summary>
public static class FakeLogCollectorExtensions
{
    /// <summary>
    /// The first record, already collected or still to come, that matches <paramref name="match"/>; fails after
    /// <paramref name="timeout"/> (default 10 s) with a <see cref="TimeoutException"/>.
    /// </summary>
    public static async Task<FakeLogRecord> WaitForLogAsync(this FakeLogCollector logs, Func<FakeLogRecord, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(match);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var record in logs.GetLogsAsync(cancel.Token).ConfigureAwait(false))
            {
                if (match(record))
                {
                    return record;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"No matching log record within {timeout ?? TimeSpan.FromSeconds(10)}; collected: {logs.Count}.");
    }
}
