using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Integrations.Fields;

namespace Integrations.Benchmarks;

/// <summary>
/// A typed integration property read against a plain auto-property. Each operation reads three properties (string,
/// bool, int) of one of <see cref="Instances"/> objects in turn, as code reading many integrations' settings does:
/// reading one object over and over would let the JIT hoist the auto-property loads out of the loop and time nothing.
/// </summary>
[MemoryDiagnoser]
public class PropertyAccessBenchmark
{
    /// <summary>How many objects each operation walks (fits in the CPU caches, like a warm set of integrations).</summary>
    public const int Instances = 1024;

    private readonly BenchSettingsIntegration[] _typed = new BenchSettingsIntegration[Instances];
    private readonly PlainSettings[] _plain = new PlainSettings[Instances];

    public PropertyAccessBenchmark()
    {
        for (var i = 0; i < Instances; i++)
        {
            _typed[i] = new BenchSettingsIntegration { Channel = "#dev-" + i, Enabled = i % 2 == 0, Retries = i % 5 };
            _plain[i] = new PlainSettings { Channel = "#dev-" + i, Enabled = i % 2 == 0, Retries = i % 5 };
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 3 * Instances)]
    public int AutoProperty()
    {
        var sum = 0;
        foreach (var s in _plain)
        {
            sum += s.Channel!.Length + (s.Enabled ? 1 : 0) + s.Retries;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = 3 * Instances)]
    public int TypedProperty()
    {
        var sum = 0;
        foreach (var s in _typed)
        {
            sum += s.Channel!.Length + (s.Enabled ? 1 : 0) + (s.Retries ?? 0);
        }

        return sum;
    }

    /// <summary>Stopwatch measurement for the report (nanoseconds per property read, best of five rounds).</summary>
    public static (double Typed, double Plain) Measure(int reads)
    {
        var bench = new PropertyAccessBenchmark();
        var passes = Math.Max(1, reads / (3 * Instances));

        // Warm up in rounds with pauses, so the background JIT has promoted both paths to Tier 1 before timing.
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                Consume(bench.AutoProperty() + bench.TypedProperty());
            }

            Thread.Sleep(250);
        }

        double typed = double.MaxValue, plain = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < passes; i++)
            {
                Consume(bench.TypedProperty());
            }

            typed = Math.Min(typed, watch.Elapsed.TotalNanoseconds / (passes * 3.0 * Instances));
            watch.Restart();
            for (var i = 0; i < passes; i++)
            {
                Consume(bench.AutoProperty());
            }

            plain = Math.Min(plain, watch.Elapsed.TotalNanoseconds / (passes * 3.0 * Instances));
        }

        return (typed, plain);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Consume(int value) => GC.KeepAlive(value);
}

/// <summary>The baseline: the same settings as plain auto-properties.</summary>
public sealed class PlainSettings
{
    public string? Channel { get; set; }

    public bool Enabled { get; set; }

    public int Retries { get; set; }
}

/// <summary>The same settings as typed properties over the JSON property bag.</summary>
public sealed class BenchSettingsIntegration : Integration
{
    [Field(FieldType.Text)]
    public string? Channel { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Checkbox)]
    public bool Enabled { get => GetProperty<bool?>() ?? false; set => SetProperty(value); }

    [Field(FieldType.Number)]
    public int? Retries { get => GetProperty<int?>(); set => SetProperty(value); }

    public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(IntegrationResult.Success());
}
