using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Integrations.Fields;

namespace Integrations.Benchmarks;

/// <summary>A typed integration property read against a plain auto-property.</summary>
[MemoryDiagnoser]
public class PropertyAccessBenchmark
{
    private readonly BenchSettingsIntegration _typed = new() { Channel = "#dev", Enabled = true, Retries = 3 };
    private readonly PlainSettings _plain = new() { Channel = "#dev", Enabled = true, Retries = 3 };

    [Benchmark(Baseline = true, OperationsPerInvoke = 3)]
    public int AutoProperty() => _plain.Channel!.Length + (_plain.Enabled ? 1 : 0) + _plain.Retries;

    [Benchmark(OperationsPerInvoke = 3)]
    public int TypedProperty() => _typed.Channel!.Length + (_typed.Enabled ? 1 : 0) + (_typed.Retries ?? 0);

    /// <summary>Stopwatch measurement for the report (nanoseconds per property read).</summary>
    public static (double Typed, double Plain) Measure(int iterations)
    {
        var bench = new PropertyAccessBenchmark();

        // Warm up in rounds with pauses, so the background JIT has promoted both paths to Tier 1 before timing.
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < 100_000; i++)
            {
                bench.AutoProperty();
                bench.TypedProperty();
            }

            Thread.Sleep(250);
        }

        double Run(Func<int> read)
        {
            var best = double.MaxValue;
            for (var round = 0; round < 5; round++)
            {
                var sum = 0;
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < iterations; i++)
                {
                    sum += read();
                }

                watch.Stop();
                Consume(sum);
                best = Math.Min(best, watch.Elapsed.TotalNanoseconds / (iterations * 3.0));
            }

            return best;
        }

        return (Run(bench.TypedProperty), Run(bench.AutoProperty));
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
