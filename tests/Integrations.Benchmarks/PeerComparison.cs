using System.Globalization;
using System.Text;
using Integrations.TestSupport;

namespace Integrations.Benchmarks;

/// <summary>
/// Raw <see cref="HttpClient"/>, us and Hangfire on the same receiver process, payloads, event count and concurrency,
/// per database: one untimed warm-up run each (a fresh process is still compiling), then interleaved rounds, each on a
/// fresh database. Reports events/s, CPU per event by process, bytes allocated and, on PostgreSQL, rows written.
/// </summary>
internal sealed class PeerComparison(ReceiverProcess receiver, int events, int rounds, int maxWarmups, Action<string> say)
{
    private readonly List<(string Database, string Contender, ContenderRun Run, PostgresRows? Rows)> _runs = [];

    public async Task RunAsync(DatabaseKind kind)
    {
        var name = kind == DatabaseKind.Sqlite ? "SQLite" : "PostgreSQL";
        // Untimed warm-ups until each contender's rate settles (SteadyState): a fresh process goes on recompiling for
        // several runs, and a host that runs for hours never pays that again. Hangfire warms up on a fifth of the
        // events: its rate is set by its storage round trips, not by compilation, and a full-size run takes minutes.
        await SteadyState.MeasureAsync($"raw {name}", maxWarmups, () => RawAsync(events), () => RawAsync(events), r => r.EventsPerSecond, say);
        await SteadyState.MeasureAsync($"us {name}", maxWarmups, () => OursAsync(kind, events), () => OursAsync(kind, events), r => r.Run.EventsPerSecond, say);
        var small = Math.Max(200, events / 5);
        await SteadyState.MeasureAsync($"Hangfire {name}", Math.Min(maxWarmups, 3), () => HangfireAsync(kind, small), () => HangfireAsync(kind, small), r => r.Run.EventsPerSecond, say);

        for (var round = 1; round <= rounds; round++)
        {
            var raw = await RawAsync(events);
            var (ours, ourRows) = await OursAsync(kind, events);
            var (hangfire, hangfireRows) = await HangfireAsync(kind, events);
            _runs.Add((name, "raw HttpClient", raw, null));
            _runs.Add((name, "Integrations", ours, ourRows));
            _runs.Add((name, "Hangfire", hangfire, hangfireRows));
            say($"{name} round {round}: raw {raw.EventsPerSecond:0}/s; us {ours.EventsPerSecond:0}/s ({ours.EventsPerSecond / raw.EventsPerSecond:0.00} × raw); " +
                $"Hangfire {hangfire.EventsPerSecond:0}/s; us / Hangfire {ours.EventsPerSecond / hangfire.EventsPerSecond:0.0} ×");
            say($"  us: {ours.Cost}{(ourRows is null ? "" : "; rows/event " + ourRows.PerEvent(events))}");
            say($"  Hangfire: {hangfire.Cost}{(hangfireRows is null ? "" : "; rows/event " + hangfireRows.PerEvent(events))}");
            say($"  raw: {raw.Cost}");
        }
    }

    /// <summary>Us / Hangfire per database: the lowest round, for the main table.</summary>
    public IEnumerable<Measurement> Measurements(double target, double farOffBelow)
    {
        foreach (var database in _runs.Select(r => r.Database).Distinct())
        {
            var ours = Rates(database, "Integrations");
            var hangfire = Rates(database, "Hangfire");
            var ratios = ours.Zip(hangfire, (o, h) => o / h).ToArray();
            var worst = ratios.Min();
            yield return new Measurement($"End to end against Hangfire, {events:N0} events, {database}",
                $"{Median(ours):0} events/s", $"{Median(hangfire):0} events/s (Hangfire)",
                $"{worst:0.0} × (rounds: {string.Join(", ", ratios.Select(r => r.ToString("0.0", CultureInfo.InvariantCulture)))})",
                $"≥ {target} × Hangfire", worst >= target, worst < farOffBelow,
                "median events/s of the rounds; the ratio is the lowest round's");
        }
    }

    /// <summary>The detail table: medians over the rounds per database and contender.</summary>
    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Database | Contender | Events/s (median of rounds) | × raw | CPU µs/event, sender process | receiver process | PostgreSQL server | Allocated/event | Rows/event (PostgreSQL) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var group in _runs.GroupBy(r => (r.Database, r.Contender)))
        {
            var runs = group.ToList();
            var raw = Median(Rates(group.Key.Database, "raw HttpClient"));
            var rate = Median(runs.Select(r => r.Run.EventsPerSecond));
            string Micros(Func<Cost, double> pick) => Median(runs.Select(r => pick(r.Run.Cost))).ToString("0", CultureInfo.InvariantCulture);
            var rows = runs.All(r => r.Rows is not null)
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{Median(runs.Select(r => r.Rows!.Inserted / (double)events)):0.00} ins, {Median(runs.Select(r => r.Rows!.Updated / (double)events)):0.00} upd, {Median(runs.Select(r => r.Rows!.Deleted / (double)events)):0.00} del")
                : "—";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key.Database} | {group.Key.Contender} | {rate:0} ({string.Join(", ", runs.Select(r => r.Run.EventsPerSecond.ToString("0", CultureInfo.InvariantCulture)))}) | {rate / raw:0.00} | " +
                $"{Micros(c => c.SelfMicros)} | {Micros(c => c.ReceiverMicros)} | {(group.Key.Database == "PostgreSQL" ? Micros(c => c.PostgresMicros) : "—")} | " +
                $"{Median(runs.Select(r => r.Run.Cost.AllocatedBytes)) / 1024:0.0} KiB | {rows} |");
        }

        return sb.ToString();
    }

    private double[] Rates(string database, string contender) =>
        [.. _runs.Where(r => r.Database == database && r.Contender == contender).Select(r => r.Run.EventsPerSecond)];

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private Task<ContenderRun> RawAsync(int count) => EndToEndBenchmark.RawHttpClientAsync(receiver, count);

    private async Task<(ContenderRun Run, PostgresRows? Rows)> OursAsync(DatabaseKind kind, int count)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var run = await EndToEndBenchmark.PipelineAsync(database, receiver, count);
        return (run, database.IsSqlite ? null : await PostgresRows.ReadSettledAsync(database.ConnectionString));
    }

    private async Task<(ContenderRun Run, PostgresRows? Rows)> HangfireAsync(DatabaseKind kind, int count)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var run = await HangfireContender.RunAsync(database, receiver, count);
        return (run, database.IsSqlite ? null : await PostgresRows.ReadSettledAsync(database.ConnectionString));
    }
}
