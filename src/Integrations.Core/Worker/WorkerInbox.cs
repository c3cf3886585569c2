using System.Threading.Channels;
using Integrations.Storage;

namespace Integrations.Worker;

/// <summary>
/// The local worker's buffer of claimed deliveries and the room that bounds it, shared with the outbox writer so that
/// a dispatch in this process can hand its deliveries straight to the worker. A handed delivery is written already
/// claimed (status delivering, this worker's lease token and lease end) in the same transaction as the dispatch, and
/// joins the buffer only after that transaction commits; it skips the claim's UPDATE and the payload read. If the
/// process dies first, its lease runs out and any worker takes it over, as for any claimed delivery. The writer hands
/// over only as many deliveries as the worker has room for at that moment, never waiting for room; the rest are
/// written pending and claimed as usual.
/// </summary>
internal sealed class WorkerInbox
{
    private readonly Lock _gate = new();
    private Channel<(ClaimedDelivery Claimed, string Token)>? _buffer;
    private SemaphoreSlim? _room;

    public WorkerInbox()
    {
        var id = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        WorkerId = id.Length > 48 ? id[^48..] : id;
    }

    /// <summary>This process's worker id, the prefix of every lease token it holds.</summary>
    public string WorkerId { get; }

    /// <summary>Opens the inbox for a running worker: <paramref name="capacity"/> deliveries claimed and not yet recorded at most.</summary>
    public (ChannelReader<(ClaimedDelivery Claimed, string Token)> Reader, SemaphoreSlim Room) Open(int capacity)
    {
        lock (_gate)
        {
            // Not SingleReader: the worker reads Count to wait for a fuller claim, which a single-reader channel cannot count.
            _buffer = Channel.CreateUnbounded<(ClaimedDelivery, string)>();
            _room = new SemaphoreSlim(capacity, capacity);
            return (_buffer.Reader, _room);
        }
    }

    /// <summary>Closes the inbox when the worker stops: nothing more is handed over or buffered.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _buffer?.Writer.TryComplete();
            _buffer = null;
            _room = null;
        }
    }

    /// <summary>A new lease token of this worker.</summary>
    public string NewLeaseToken() => LeaseToken.New(WorkerId);

    /// <summary>Takes room for up to <paramref name="wanted"/> deliveries without waiting; 0 when no worker runs here.</summary>
    public Reservation Reserve(int wanted)
    {
        lock (_gate)
        {
            if (_room is not { } room)
            {
                return default;
            }

            var taken = 0;
            while (taken < wanted && room.Wait(0))
            {
                taken++;
            }

            return new Reservation(room, taken);
        }
    }

    /// <summary>Adds claimed deliveries to the buffer (by the worker's claims, and by the writer after its commit).</summary>
    /// <returns>False when the worker has stopped: the deliveries stay claimed until their lease runs out.</returns>
    public bool Add(ClaimedDelivery claimed, string token)
    {
        var buffer = Volatile.Read(ref _buffer);
        return buffer is not null && buffer.Writer.TryWrite((claimed, token));
    }

    /// <summary>Room taken for deliveries to hand over; what is not handed over must be given back.</summary>
    internal readonly record struct Reservation(SemaphoreSlim? Room, int Count)
    {
        /// <summary>Gives back <paramref name="count"/> of the reserved places.</summary>
        public void Return(int count)
        {
            if (count > 0)
            {
                Room?.Release(count);
            }
        }
    }
}
