using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Integrations.Benchmarks;
using Integrations.TestSupport;

// dotnet run -c Release --project tests/Integrations.Benchmarks -- [--quick] [--only name] [--write docs/benchmarks.md]
if (args is ["--receiver"])
{
    await ReceiverProcess.RunChildAsync(); // the webhook receiver, in a process of its own (ReceiverProcess.cs)
    return 0;
}

ThreadPool.SetMinThreads(64, 64);
var quick = args.Contains("--quick");
var writeIndex = Array.IndexOf(args, "--write");
var writePath = writeIndex >= 0 && writeIndex + 1 < args.Length ? args[writeIndex + 1] : null;
var onlyIndex = Array.IndexOf(args, "--only");
var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : null;
bool Run(string name) => only is null || only == name;
var postgres = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
var (events, dispatchCalls, due, backlog, propertyIterations) = quick ? (2_000, 2_000, 5_000, 100_000, 2_000_000) : (20_000, 20_000, 20_000, 1_000_000, 20_000_000);
var maxWarmups = quick ? 1 : 6;
var results = new List<Measurement>();
var inv = CultureInfo.InvariantCulture;
void Say(string text) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");

Say($"Integrations benchmarks ({(quick ? "quick" : "full")} mode); PostgreSQL {(postgres ? "included" : "not configured")}");
await using var receiver = await ReceiverProcess.StartAsync(inProcess: args.Contains("--receiver-in-process"));
string? peerTable = null;

// 1. Typed property get versus a plain auto-property.
if (Run("property"))
{
var (typedNs, plainNs) = PropertyAccessBenchmark.Measure(propertyIterations);
var propertyRatio = typedNs / plainNs;
results.Add(new Measurement("Typed property get", $"{typedNs:0.00} ns", $"{plainNs:0.00} ns (auto-property)", $"{propertyRatio:0.0} ×", "< 100 ns a read",
    typedNs < 100, propertyRatio > SmokeLimits.PropertyRatio, "per read, after the value was read once (cached until the next write)"));
Say($"property: {typedNs:0.00} ns vs {plainNs:0.00} ns");
}

// Against the peer: raw HttpClient, us and Hangfire, interleaved rounds per database (full runs and --only peer; not in
// quick mode, where Hangfire's pace would dominate CI's time).
if ((!quick && only is null) || only is "peer" or "hangfire")
{
    var peer = new PeerComparison(receiver, events: quick ? 1_000 : 5_000, rounds: quick ? 2 : 3, maxWarmups, Say);
    foreach (var kind in postgres ? new[] { DatabaseKind.Sqlite, DatabaseKind.PostgreSql } : new[] { DatabaseKind.Sqlite })
    {
        await peer.RunAsync(kind);
    }

    results.AddRange(peer.Measurements(target: 15, farOffBelow: 3));
    peerTable = peer.Table();
    Console.WriteLine(peerTable);
}

// 2. End-to-end throughput against raw HttpClient at the same concurrency.
if (Run("e2e"))
{
// Each side first runs untimed at full size until its rate settles (SteadyState), so both are measured with tiered-up
// code: a fresh process goes on recompiling EF Core, Kestrel and HttpClient for several runs, and a host runs for hours.
// Quick mode (CI) warms up once.
var raw = (await SteadyState.MeasureAsync("raw HttpClient", maxWarmups, () => EndToEndBenchmark.RawHttpClientAsync(receiver, events), () => EndToEndBenchmark.RawHttpClientAsync(receiver, events), r => r.EventsPerSecond, Console.WriteLine)).EventsPerSecond;
Say($"raw HttpClient: {raw:0} events/s");
foreach (var (kind, target) in Targets())
{
    var run = () => EndToEndBenchmark.PipelineAsync(kind, receiver, events);
    var measured = await SteadyState.MeasureAsync($"end to end {Name(kind)}", maxWarmups, run, run, r => r.EventsPerSecond, Console.WriteLine);
    var ours = measured.EventsPerSecond;
    Console.WriteLine($"  {measured.Cost}");
    var ratio = ours / raw;
    results.Add(new Measurement($"End to end, {events:N0} events, {Name(kind)}", $"{ours:0} events/s", $"{raw:0} events/s (raw HttpClient)", $"{ratio:0.00} ×",
        $"≥ {target} × raw", ratio >= target, ratio < SmokeLimits.EndToEndRatio, $"concurrency {EndToEndBenchmark.Concurrency}; dispatch → outbox → worker → HTTP, every delivery committed with its attempt log"));
    Say($"end to end {Name(kind)}: {ours:0} events/s ({ratio:0.00} × raw)");
}
}

if (Run("phases"))
{
    foreach (var (kind, _) in Targets())
    {
        var run = () => EndToEndBenchmark.PhasesAsync(kind, receiver, events);
        var (d, w) = await SteadyState.MeasureAsync($"phases {Name(kind)} (delivery)", maxWarmups, run, run, r => r.DeliverPerSecond, Console.WriteLine);
        Say($"phases {Name(kind)}: dispatch {d:0}/s alone, delivery {w:0}/s alone");
    }
}

// 3. DispatchAsync with 10 integrations over three levels, warm cache, concurrent callers.
foreach (var (kind, _) in Targets().Where(_ => Run("dispatch")))
{
    var (amortised, p99, bytes, baseline) = await SteadyState.MeasureAsync(
        $"dispatch {Name(kind)} (calls)", maxWarmups,
        () => DispatchBenchmark.RunAsync(kind, dispatchCalls, measureBaseline: false),
        () => DispatchBenchmark.RunAsync(kind, dispatchCalls),
        r => 1_000_000 / r.AmortisedMicros,
        Console.WriteLine);
    var allocation = bytes >= 0 ? $"{bytes / 1024:0.0} KiB/call" : "allocations n/a";
    results.Add(new Measurement($"DispatchAsync amortised, {Name(kind)}", $"{amortised:0.0} µs/call, {allocation}", $"{baseline:0.0} µs/call (own SaveChanges per call)",
        $"{amortised / baseline:0.00} ×", "< 50 µs", amortised < 50, amortised / baseline > SmokeLimits.DispatchRatio, $"{DispatchBenchmark.Callers} concurrent callers, a payload and 10 deliveries per call"));
    var saturation = 1_000_000 / amortised;
    var (p50Open, p99Open) = await DispatchBenchmark.OpenLoopAsync(kind, saturation / 2, quick ? 2_000 : 10_000);
    results.Add(new Measurement($"DispatchAsync p99 at half saturation, {Name(kind)}", $"{p99Open:0.00} ms (p50 {p50Open:0.00} ms)", $"{saturation / 2:0} calls/s offered (saturation {saturation:0} calls/s)", "—",
        "< 5 ms", p99Open < 5, FarOff: false, "open loop: calls start on schedule, latency from when each was due, including the group commit"));
    Say($"dispatch {Name(kind)}: {amortised:0.0} µs amortised ({saturation:0} calls/s), closed-loop p99 {p99:0.00} ms, open-loop p99 at half rate {p99Open:0.00} ms, {bytes:0} B/call; baseline {baseline:0.0} µs");
}

// 3b. Enqueue-to-receiver latency, one event at a time: DispatchAsync against EnqueueAsync in the host's transaction.
foreach (var (kind, _) in Targets().Where(_ => Run("latency")))
{
    var (dispatchP50, dispatchP99, enqueueP50, enqueueP99) = await EnqueueLatencyBenchmark.RunAsync(kind, receiver, quick ? 20 : 100);
    results.Add(new Measurement($"Enqueue → receiver, EnqueueAsync in the host's transaction, {Name(kind)}", $"p50 {enqueueP50:0.0} ms (p99 {enqueueP99:0.0} ms)",
        $"p50 {dispatchP50:0.0} ms (p99 {dispatchP99:0.0} ms) (DispatchAsync)", $"{enqueueP50 / dispatchP50:0.00} ×", "p50 ≤ 100 ms (woken on commit, not at the 1 s poll)",
        enqueueP50 <= 100, FarOff: false, "one event at a time, interleaved; the worker's poll interval is its default 1 s; latency is reported, never gated"));
    Say($"latency {Name(kind)}: DispatchAsync p50 {dispatchP50:0.0} ms p99 {dispatchP99:0.0} ms; EnqueueAsync p50 {enqueueP50:0.0} ms p99 {enqueueP99:0.0} ms");
}

// 4. Claim throughput with a large backlog of pending deliveries versus an empty outbox.
foreach (var (kind, _) in Targets().Where(_ => Run("claims")))
{
    await ClaimBenchmark.RunAsync(kind, 1_000, 0); // warm-up, not timed
    var empty = await ClaimBenchmark.RunAsync(kind, due, 0);
    var loaded = await ClaimBenchmark.RunAsync(kind, due, backlog);
    var ratio = loaded / empty;
    results.Add(new Measurement($"Claims with {backlog:N0} pending, {Name(kind)}", $"{loaded:0} claims/s", $"{empty:0} claims/s (empty outbox)", $"{ratio:0.00} ×",
        "≥ 0.8 × (within 20 %)", ratio >= 0.8, ratio < SmokeLimits.ClaimsRatio, $"{due:N0} due deliveries claimed 64 at a time"));
    Say($"claims {Name(kind)}: {loaded:0}/s with backlog vs {empty:0}/s empty");
}

var table = new StringBuilder();
table.AppendLine("| Measurement | Ours | Baseline (same run) | Ratio | Target | Met |");
table.AppendLine("|---|---|---|---|---|---|");
foreach (var r in results)
{
    table.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Ours} | {r.Baseline} | {r.Ratio} | {r.Target} | {(r.Met ? "yes" : "**no**")} |");
}

Console.WriteLine();
Console.WriteLine(table);

string? micro = null;
if (!quick && Run("property"))
{
    // In process: a generated project would not restore here, since this one overrides SQLitePCLRaw for Hangfire.
    var summary = BenchmarkRunner.Run<PropertyAccessBenchmark>(DefaultConfig.Instance
        .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator));
    var logger = new AccumulationLogger();
    MarkdownExporter.GitHub.ExportToLog(summary, logger);
    micro = logger.GetLog();
}

if (writePath is not null)
{
    await File.WriteAllTextAsync(writePath, Report(table.ToString(), peerTable, micro));
    Say("wrote " + writePath);
}

var farOff = results.Where(r => r.FarOff).ToList();
foreach (var r in farOff)
{
    Console.WriteLine($"FAR OFF: {r.Name}: {r.Ours} against {r.Baseline} (target {r.Target})");
}

Console.WriteLine(farOff.Count == 0 ? "benchmark smoke check: ok" : "benchmark smoke check: failed");
return quick && farOff.Count > 0 ? 1 : 0;

IEnumerable<(DatabaseKind Kind, double Target)> Targets()
{
    yield return (DatabaseKind.Sqlite, 0.6);
    if (postgres)
    {
        yield return (DatabaseKind.PostgreSql, 0.5);
    }
}

static string Name(DatabaseKind kind) => kind == DatabaseKind.Sqlite ? "SQLite" : "PostgreSQL";

string Report(string resultTable, string? peer, string? microTable)
{
    var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null;
    var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null;
    var sb = new StringBuilder();
    sb.AppendLine("# Benchmarks");
    sb.AppendLine();
    sb.AppendLine("Produced by `dotnet run -c Release --project tests/Integrations.Benchmarks -- --write docs/benchmarks.md`");
    sb.AppendLine("(with `INTEGRATIONS_TEST_POSTGRES` set, for the PostgreSQL rows). Each figure is compared with a baseline measured in");
    sb.AppendLine("the same run on the same machine, after untimed warm-up runs of the same size: at least three, then until the rate");
    sb.AppendLine("settles (within 10 % of the run before, at most six; the raw baseline by the same rule). `--quick` warms up once and");
    sb.AppendLine("runs smaller sizes in CI");
    sb.AppendLine("(`.ci/run`) as a smoke check that fails only beyond the regression limits in `SmokeLimits.cs`, which sit several");
    sb.AppendLine("times beyond today's figures, each a ratio against its same-run baseline; it does not fail when a figure merely misses");
    sb.AppendLine("its target, and several still do. Latency percentiles are reported, never gated: a shared machine cannot promise them.");
    sb.AppendLine("\"Reading these results\" is written by hand in `tests/Integrations.Benchmarks/ReadingTheResults.md`; a run copies");
    sb.AppendLine("it in as it is.");
    sb.AppendLine();
    sb.AppendLine(inv, $"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {(quick ? "quick" : "full")} mode");
    sb.AppendLine(inv, $"- Machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {memory ?? "unknown memory"}, {RuntimeInformation.OSDescription}");
    sb.AppendLine(inv, $"- Runtime: {RuntimeInformation.FrameworkDescription}, server GC, default tiering, each measurement after untimed warm-ups of the same size until its rate settles");
    sb.AppendLine("- Databases: SQLite file in WAL mode with `synchronous=NORMAL`; PostgreSQL 15 on the same machine (default settings)");
    sb.AppendLine("- Receiver: Kestrel on 127.0.0.1 in a process of its own (this executable with `--receiver`), reading each body and");
    sb.AppendLine("  answering 200 at once; the same receiver for raw HttpClient, us and Hangfire");
    sb.AppendLine();
    sb.AppendLine(resultTable);
    if (peer is not null)
    {
        sb.AppendLine("## Against the peer: the detail");
        sb.AppendLine();
        sb.AppendLine("Medians over the rounds (each round's figure in brackets). CPU is per delivered event: the sending process (the");
        sb.AppendLine("contender with the load that drives it), the receiver's process and the PostgreSQL server, read from `/proc`.");
        sb.AppendLine("Rows are from `pg_stat_user_tables` of the run's own database (setup included, a few rows in all).");
        sb.AppendLine();
        sb.AppendLine(peer);
    }

    sb.AppendLine("## How each figure is measured");
    sb.AppendLine();
    sb.AppendLine("- **Typed property get**: three properties (string, bool, int) read through `GetProperty<T>` against the same three");
    sb.AppendLine("  as auto-properties, on each of 1,024 objects in turn (reading one object in a loop lets the JIT hoist the");
    sb.AppendLine("  auto-property loads out of the loop, so the baseline would time nothing), best of five timed loops, per read.");
    sb.AppendLine("  The value is decoded on the first read and cached until the next write.");
    sb.AppendLine("- **Against Hangfire**: raw `HttpClient`, us and Hangfire (one job per delivery posting with an");
    sb.AppendLine("  `IHttpClientFactory` client, default retries, Hangfire.Storage.SQLite or Hangfire.PostgreSql with default options,");
    sb.AppendLine("  16 workers) post the same 5,000 push events to the same receiver, 16 at a time; each warms up until its rate");
    sb.AppendLine("  settles, then three interleaved rounds run, each on a fresh database. The ratio in the table is the lowest round's.");
    sb.AppendLine("- **End to end**: a push event per delivery, dispatched by 16 concurrent callers to a project with one webhook-style");
    sb.AppendLine("  integration; the worker (16 in flight) sends them; the clock stops when the receiver has them all, each once.");
    sb.AppendLine("  Baseline: `HttpClient` posting the same bodies to the same receiver, 16 at a time. Every delivery commits its");
    sb.AppendLine("  outcome and attempt log in a transaction; the raw baseline writes nothing.");
    sb.AppendLine("- **DispatchAsync**: 10 integrations (3 at the instance, 3 at the group, 4 at the project), cache warm, no worker.");
    sb.AppendLine("  Amortised: 32 concurrent callers, wall time / calls (its inverse is the saturation rate); allocations =");
    sb.AppendLine("  `GC.GetTotalAllocatedBytes` / calls. Baseline: the same rows per call (payload and 10 deliveries) inserted by");
    sb.AppendLine("  each caller in its own `SaveChanges`. p99: an open-loop load at half the saturation rate, each call timed from");
    sb.AppendLine("  when it was due, as a host's request handler would see it.");
    sb.AppendLine("- **Claims**: due deliveries claimed 64 at a time by one claimer, with an empty outbox and with the backlog of");
    sb.AppendLine("  pending deliveries due a day later (as retries are), which the partial `(next_attempt_at) WHERE status = 0` index");
    sb.AppendLine("  must skip.");
    sb.AppendLine();
    // The analysis is written by hand, next to this file, and copied in verbatim: a run refreshes the figures above
    // without touching it.
    sb.Append(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ReadingTheResults.md")));
    if (microTable is not null)
    {
        sb.AppendLine();
        sb.AppendLine("## BenchmarkDotNet: property access");
        sb.AppendLine();
        sb.AppendLine(microTable);
    }

    return sb.ToString();
}
