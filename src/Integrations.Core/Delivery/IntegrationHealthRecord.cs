namespace Integrations.Delivery;

/// <summary>One row of <c>integration_health</c>: the auto-disable state of one integration.</summary>
public sealed class IntegrationHealthRecord
{
    /// <summary>The integration.</summary>
    public Guid IntegrationId { get; set; }

    /// <summary>Consecutive failed attempts since the last success.</summary>
    public int RecentFailures { get; set; }

    /// <summary>Until when deliveries are held back (Unix ms), if temporarily disabled.</summary>
    public long? DisabledUntil { get; set; }

    /// <summary>Whether deliveries stopped until a successful test or an edit.</summary>
    public bool PermanentlyDisabled { get; set; }

    /// <summary>The last failure (Unix ms).</summary>
    public long? LastFailureAt { get; set; }

    /// <summary>The last success (Unix ms).</summary>
    public long? LastSuccessAt { get; set; }

    /// <summary>The last error text.</summary>
    public string? LastError { get; set; }
}
