namespace Integrations.Benchmarks;

/// <summary>One timed run of a contender: its delivered events per second and what each event cost.</summary>
internal sealed record ContenderRun(double EventsPerSecond, Cost Cost);
