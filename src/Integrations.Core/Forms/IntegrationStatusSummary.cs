using System.Globalization;
using Integrations.Health;
using Integrations.Registry;

namespace Integrations.Forms;

/// <summary>
/// What a catalog or list page says about one integration type at one scope: configured or not, active, inherited from
/// where, its health (healthy, failing, disabled until a time, permanently disabled) and last delivery, and, when it
/// is disabled, a banner with the reason and how it heals. Built by <see cref="IntegrationOverview"/>.
/// </summary>
public sealed record IntegrationStatusSummary
{
    /// <summary>The type as the catalog lists it (title, description, fields).</summary>
    public required IntegrationCatalogEntry Entry { get; init; }

    /// <summary>The scope the summary is for.</summary>
    public required IntegrationScope Scope { get; init; }

    /// <summary>Whether it is configured and active.</summary>
    public required IntegrationSetup Setup { get; init; }

    /// <summary>The integration's id when configured at some level.</summary>
    public Guid? IntegrationId { get; init; }

    /// <summary>Where the settings that apply are defined (this scope or an ancestor); null when not configured.</summary>
    public IntegrationScope? DefinedAt { get; init; }

    /// <summary>Its health; null when not configured.</summary>
    public IntegrationHealth? Health { get; init; }

    /// <summary>The type slug.</summary>
    public string Type => Entry.Slug;

    /// <summary>Whether the settings come from an ancestor.</summary>
    public bool IsInherited => DefinedAt is { } at && at != Scope;

    /// <summary>When it last delivered (succeeded or failed).</summary>
    public DateTimeOffset? LastDeliveryAt => Health is null ? null : Max(Health.LastSuccessAt, Health.LastFailureAt);

    /// <summary>"Active", "Active, inherited from group platform", "Inactive" or "Not configured".</summary>
    public string SetupText => Setup switch
    {
        IntegrationSetup.NotConfigured => "Not configured",
        _ => (Setup == IntegrationSetup.Active ? "Active" : "Inactive") + (IsInherited ? ", inherited from " + IntegrationForm.Describe(DefinedAt!.Value) : string.Empty),
    };

    /// <summary>"No deliveries yet", "Healthy", "Failing (N in a row)", "Disabled until …" or "Permanently disabled"; null when not configured.</summary>
    public string? HealthText => Health?.Status switch
    {
        IntegrationHealthStatus.Healthy when LastDeliveryAt is null => "No deliveries yet",
        IntegrationHealthStatus.Healthy => "Healthy",
        IntegrationHealthStatus.Failing => string.Create(CultureInfo.InvariantCulture, $"Failing ({Health.RecentFailures} in a row)"),
        IntegrationHealthStatus.TemporarilyDisabled => string.Create(CultureInfo.InvariantCulture, $"Disabled until {Health.DisabledUntil:yyyy-MM-dd HH:mm} UTC"),
        IntegrationHealthStatus.PermanentlyDisabled => "Permanently disabled",
        _ => null,
    };

    /// <summary>
    /// For a disabled integration, what happened and how it heals (GitLab disables silently; this says it); null otherwise.
    /// </summary>
    public string? Banner => Health?.Status switch
    {
        IntegrationHealthStatus.TemporarilyDisabled => string.Create(CultureInfo.InvariantCulture,
            $"Deliveries are paused until {Health.DisabledUntil:yyyy-MM-dd HH:mm} UTC after {Health.RecentFailures} failures in a row{Reason(Health)}. They resume on their own then; a successful \"Test settings\" resumes them now."),
        IntegrationHealthStatus.PermanentlyDisabled => string.Create(CultureInfo.InvariantCulture,
            $"Deliveries stopped after {Health.RecentFailures} failures in a row{Reason(Health)}. Fix the settings and save them, or run a successful \"Test settings\", to turn deliveries back on."),
        _ => null,
    };

    private static string Reason(IntegrationHealth health) => string.IsNullOrWhiteSpace(health.LastError) ? string.Empty : $" (last error: {health.LastError})";

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
