using System.Diagnostics;
using System.Globalization;

namespace Integrations.Benchmarks;

/// <summary>
/// What a measured window cost, split by who paid: this process (the contender and the load that drives it), the
/// receiver's process and the PostgreSQL server (every <c>postgres</c> process, with the time of backends that ended
/// counted through the postmaster's reaped-children time), all read from <c>/proc</c>; and bytes allocated here.
/// </summary>
internal sealed class CostMeter
{
    private static readonly double TicksPerSecond = ReadClockTicks();
    private readonly int _receiverPid;
    private readonly TimeSpan _self;
    private readonly double _receiver;
    private readonly double _postgres;
    private readonly long _allocated;

    private CostMeter(int receiverPid)
    {
        _receiverPid = receiverPid;
        _allocated = GC.GetTotalAllocatedBytes(precise: true);
        _self = Process.GetCurrentProcess().TotalProcessorTime;
        _receiver = ProcessSeconds(receiverPid);
        _postgres = PostgresSeconds();
    }

    /// <summary>Starts a window.</summary>
    public static CostMeter Start(int receiverPid) => new(receiverPid);

    /// <summary>The window's cost per event, in CPU µs and bytes.</summary>
    public Cost Stop(int events)
    {
        var self = (Process.GetCurrentProcess().TotalProcessorTime - _self).TotalMicroseconds;
        var receiver = (ProcessSeconds(_receiverPid) - _receiver) * 1e6;
        var postgres = (PostgresSeconds() - _postgres) * 1e6;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocated;
        return new Cost(self / events, receiver / events, postgres / events, allocated / (double)events);
    }

    /// <summary>utime + stime of one process (fields 14 and 15 of <c>/proc/[pid]/stat</c>), in seconds.</summary>
    private static double ProcessSeconds(int pid) => ReadStat(pid, children: false) ?? 0;

    private static double PostgresSeconds()
    {
        var total = 0.0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && IsPostgres(pid))
            {
                total += ReadStat(pid, children: true) ?? 0;
            }
        }

        return total;
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Fields after the command name (which may hold spaces): state is field 3; utime 14, stime 15, cutime 16, cstime 17.</summary>
    private static double? ReadStat(int pid, bool children)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // ended between listing and reading: its time is in its parent's reaped-children time
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        double Field(int number) => double.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        var ticks = Field(14) + Field(15) + (children ? Field(16) + Field(17) : 0);
        return ticks / TicksPerSecond;
    }

    private static double ReadClockTicks()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false });
            var text = getconf?.StandardOutput.ReadToEnd().Trim();
            getconf?.WaitForExit();
            return double.TryParse(text, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100; // USER_HZ, the same on every Linux architecture .NET runs on
        }
    }
}

/// <summary>Per delivered event: CPU µs in this process, the receiver and the PostgreSQL server, and bytes allocated here.</summary>
internal sealed record Cost(double SelfMicros, double ReceiverMicros, double PostgresMicros, double AllocatedBytes)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CPU µs/event: process {SelfMicros:0}, receiver {ReceiverMicros:0}, PostgreSQL {PostgresMicros:0}; {AllocatedBytes / 1024:0.0} KiB allocated/event");
}
