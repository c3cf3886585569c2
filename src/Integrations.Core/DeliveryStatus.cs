using System.Text.Json.Serialization;

namespace Integrations;

/// <summary>Where a delivery stands. Serialized as <c>pending</c>, <c>delivering</c>, <c>succeeded</c>, <c>dead</c> or <c>skipped</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt (the first, or a retry).</summary>
    [JsonStringEnumMemberName("pending")]
    Pending = 0,

    /// <summary>Claimed by a worker, which holds a lease on it.</summary>
    [JsonStringEnumMemberName("delivering")]
    Delivering = 1,

    /// <summary>Delivered: the outside system accepted it.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded = 2,

    /// <summary>Given up on (attempts exhausted, a permanent error, or the integration removed); can be resent.</summary>
    [JsonStringEnumMemberName("dead")]
    Dead = 3,

    /// <summary>The integration decided not to send it (a filter, an event it does not announce); the reason is kept as the
    /// delivery's last error. Finished, never retried, and not counted for health.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped = 4,
}
