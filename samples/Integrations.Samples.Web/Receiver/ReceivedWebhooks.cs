using System.Collections.Concurrent;

namespace Integrations.Samples.Web.Receiver;

/// <summary>One request the built-in receiver recorded.</summary>
internal sealed record ReceivedWebhook(long Number, DateTimeOffset At, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>The last 200 requests the built-in receiver got, in memory.</summary>
internal sealed class ReceivedWebhooks
{
    private const int Capacity = 200;
    private readonly ConcurrentQueue<ReceivedWebhook> _items = new();
    private long _count;

    public IReadOnlyList<ReceivedWebhook> Latest => _items.Reverse().ToArray();

    public ReceivedWebhook Add(DateTimeOffset at, string path, IReadOnlyDictionary<string, string> headers, string body)
    {
        var item = new ReceivedWebhook(Interlocked.Increment(ref _count), at, path, headers, body);
        _items.Enqueue(item);
        while (_items.Count > Capacity && _items.TryDequeue(out _))
        {
        }

        return item;
    }
}
