namespace Integrations.Benchmarks;

/// <summary>One line of the results table: ours against a baseline measured in the same run.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Ours">Our figure, formatted.</param>
/// <param name="Baseline">The baseline figure, formatted.</param>
/// <param name="Ratio">Ours relative to the baseline, in the direction stated by <paramref name="Target"/>.</param>
/// <param name="Target">The target, for example "≥ 0.6 × raw".</param>
/// <param name="Met">Whether the target was met.</param>
/// <param name="FarOff">Whether the figure is so far off that the quick smoke check fails.</param>
/// <param name="Note">Anything worth knowing.</param>
public sealed record Measurement(string Name, string Ours, string Baseline, string Ratio, string Target, bool Met, bool FarOff, string Note = "");
