using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Integrations.Diagnostics;

/// <summary>
/// The <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="System.Diagnostics.ActivitySource"/> named <c>Integrations</c>.
/// Instruments (documented in the README):
/// <c>integrations.deliveries</c> (counter, tag <c>outcome</c> = succeeded | retrying | dead),
/// <c>integrations.delivery.failures</c> (counter), <c>integrations.delivery.retries</c> (counter),
/// <c>integrations.delivery.duration</c> (histogram, s), <c>integrations.outbox.depth</c> (gauge: pending deliveries) and
/// <c>integrations.outbox.oldest_due_age</c> (gauge, s). Every measurement carries <c>integration.type</c>.
/// </summary>
internal sealed class IntegrationsTelemetry : IDisposable
{
    public const string Name = IntegrationsDiagnostics.Name;

    private readonly Meter _meter;
    private long _depth;
    private double _oldestDueAgeSeconds;
    private readonly ObservableGauge<long> _depthGauge;
    private readonly ObservableGauge<double> _ageGauge;

    public IntegrationsTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Deliveries = _meter.CreateCounter<long>("integrations.deliveries", description: "Delivery attempts by outcome.");
        Failures = _meter.CreateCounter<long>("integrations.delivery.failures", description: "Failed delivery attempts.");
        Retries = _meter.CreateCounter<long>("integrations.delivery.retries", description: "Deliveries scheduled for another attempt.");
        Duration = _meter.CreateHistogram<double>("integrations.delivery.duration", unit: "s", description: "Duration of delivery attempts, in seconds (OpenTelemetry's convention).");
        _depthGauge = _meter.CreateObservableGauge("integrations.outbox.depth", () => Volatile.Read(ref _depth), description: "Deliveries waiting to be sent.");
        _ageGauge = _meter.CreateObservableGauge("integrations.outbox.oldest_due_age", () => Volatile.Read(ref _oldestDueAgeSeconds), unit: "s", description: "Age of the oldest due delivery.");
    }

    public ActivitySource Source { get; } = new(Name);

    public Counter<long> Deliveries { get; }

    public Counter<long> Failures { get; }

    public Counter<long> Retries { get; }

    public Histogram<double> Duration { get; }

    /// <summary>Whether anything (OpenTelemetry, dotnet-counters) listens to the outbox gauges: the worker measures the
    /// outbox only then, so a host without metrics runs no periodic queries for them.</summary>
    public bool OutboxObserved => _depthGauge.Enabled || _ageGauge.Enabled;

    public void SetOutbox(long depth, double oldestDueAgeSeconds)
    {
        Volatile.Write(ref _depth, depth);
        Volatile.Write(ref _oldestDueAgeSeconds, oldestDueAgeSeconds);
    }

    public void Dispose()
    {
        Source.Dispose();
        _meter.Dispose();
    }
}
