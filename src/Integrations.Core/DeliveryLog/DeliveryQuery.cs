namespace Integrations.DeliveryLog;

/// <summary>Which deliveries to list. Every filter is optional; results are newest first.</summary>
public sealed record DeliveryQuery
{
    /// <summary>Only deliveries to this integration.</summary>
    public Guid? IntegrationId { get; init; }

    /// <summary>Only deliveries of events in this project (the host's project id).</summary>
    public string? ProjectId { get; init; }

    /// <summary>Only deliveries in this state.</summary>
    public DeliveryStatus? Status { get; init; }

    /// <summary>Only deliveries of this single event kind.</summary>
    public IntegrationEvents? Event { get; init; }

    /// <summary>Only deliveries created at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only deliveries created before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The page, from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Deliveries per page, 1 to 500.</summary>
    public int PageSize { get; init; } = 50;
}
