namespace Integrations.Benchmarks;

/// <summary>
/// Warms a throughput measurement up until it stops improving, then measures it once more. One warm-up run is not
/// enough in a fresh process: tiered PGO goes on recompiling EF Core, Kestrel, HttpClient and the engine for several
/// runs (17 % of the CPU in one measured window), and a host that runs for hours never pays that again. The same rule
/// applies to our pipeline and to the raw baseline.
/// </summary>
internal static class SteadyState
{
    /// <summary>A warm-up counts as settled when it is within this fraction of the one before it.</summary>
    private const double Settled = 0.10;

    /// <summary>
    /// Warm-ups before settling is judged: the engine's rate can sit on a plateau for two runs and then double when
    /// tiering finishes (seen between the second and third runs), so two close early runs prove nothing.
    /// </summary>
    private const int MinimumWarmups = 3;

    /// <summary>
    /// Runs <paramref name="run"/> untimed at least three times and until two runs in a row agree (at most
    /// <paramref name="maxWarmups"/>), then once for the figure.
    /// </summary>
    /// <param name="label">What is measured, for the log.</param>
    /// <param name="maxWarmups">Warm-up runs at most (at least one).</param>
    /// <param name="run">One run, returning its rate.</param>
    /// <param name="say">Where progress is written.</param>
    public static Task<double> MeasureAsync(string label, int maxWarmups, Func<Task<double>> run, Action<string> say) =>
        MeasureAsync(label, maxWarmups, run, run, rate => rate, say);

    /// <summary>
    /// The same, for a run whose result holds more than a rate: <paramref name="warmup"/> (which may skip work only the
    /// figure needs, such as a baseline) repeats until <paramref name="rate"/> settles, then <paramref name="measure"/> runs once.
    /// </summary>
    public static async Task<T> MeasureAsync<T>(string label, int maxWarmups, Func<Task<T>> warmup, Func<Task<T>> measure, Func<T, double> rate, Action<string> say)
    {
        var previous = double.NaN;
        for (var i = 1; i <= Math.Max(1, maxWarmups); i++)
        {
            var current = rate(await warmup());
            say($"  warm-up {i} {label}: {current:0}/s");
            if (i >= Math.Min(MinimumWarmups, maxWarmups) && !double.IsNaN(previous) && Math.Abs(current - previous) <= Settled * previous)
            {
                break;
            }

            previous = current;
        }

        return await measure();
    }
}
