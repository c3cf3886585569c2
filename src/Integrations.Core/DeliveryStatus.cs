using System.Text.Json.Serialization;

namespace Integrations;

/// <summary>Where a delivery stands. Serialized as <c>pending</c>, <c>delivering</c>, <c>succeeded</c> or <c>dead</c>.</summary>
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
}
