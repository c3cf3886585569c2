namespace Integrations.Storage;

/// <summary>One row of <c>integration_health</c>: the auto-disable state of one integration.</summary>
internal sealed class IntegrationHealthRecord
{
    /// <summary>The integration.</summary>
    public Guid IntegrationId { get; set; }

    /// <summary>Consecutive counted failures since the last success (failures while held back are not counted).</summary>
    public int RecentFailures { get; set; }

    /// <summary>When the first failure of the current run finished (Unix ms), if the integration is failing.</summary>
    public long? FailingSince { get; set; }

    /// <summary>Until when the receiver asked for time (HTTP 429, or 503 with <c>Retry-After</c>; Unix ms). Deliveries
    /// wait, and nothing is counted toward disabling.</summary>
    public long? HeldUntil { get; set; }

    /// <summary>Incremented on every write, so concurrent writers in several processes never overwrite each other.</summary>
    public int Version { get; set; }

    /// <summary>
    /// When the failures counted first called for a disable not yet made (the finish of the last failure then, Unix ms):
    /// the disable waits until every attempt claimed before this has committed, since one of them may be a success that
    /// finished inside the run. Fixed while it waits, so attempts claimed later never hold it back.
    /// </summary>
    public long? DisableDueSince { get; set; }

    /// <summary>Until when deliveries are held back (Unix ms), if temporarily disabled.</summary>
    public long? DisabledUntil { get; set; }

    /// <summary>Whether deliveries stopped until a successful test or an edit.</summary>
    public bool PermanentlyDisabled { get; set; }

    /// <summary>When the last counted failure finished (Unix ms).</summary>
    public long? LastFailureAt { get; set; }

    /// <summary>When the last success finished (Unix ms), kept to within a second.</summary>
    public long? LastSuccessAt { get; set; }

    /// <summary>The last error text.</summary>
    public string? LastError { get; set; }

    internal IntegrationHealthRecord Copy() => (IntegrationHealthRecord)MemberwiseClone();
}
