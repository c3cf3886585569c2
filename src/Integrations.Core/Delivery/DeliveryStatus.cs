namespace Integrations.Delivery;

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt (the first, or a retry).</summary>
    Pending = 0,

    /// <summary>Claimed by a worker, which holds a lease on it.</summary>
    Delivering = 1,

    /// <summary>Delivered: the outside system accepted it.</summary>
    Succeeded = 2,

    /// <summary>Given up on (attempts exhausted, a permanent error, or the integration removed); can be resent.</summary>
    Dead = 3,
}
