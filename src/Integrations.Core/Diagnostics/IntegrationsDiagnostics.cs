namespace Integrations.Diagnostics;

/// <summary>The names to subscribe to: one <c>Meter</c> and one <c>ActivitySource</c>, both called <see cref="Name"/>.</summary>
/// <example>
/// <code>
/// builder.Services.AddOpenTelemetry()
///     .WithMetrics(m => m.AddMeter(IntegrationsDiagnostics.Name))
///     .WithTracing(t => t.AddSource(IntegrationsDiagnostics.Name));
/// </code>
/// </example>
public static class IntegrationsDiagnostics
{
    /// <summary>The name of the library's <c>Meter</c> and <c>ActivitySource</c>: <c>Integrations</c>.</summary>
    public const string Name = "Integrations";
}
