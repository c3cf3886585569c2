namespace Integrations.Health;

/// <summary>What an outcome does to the integration's health.</summary>
internal enum HealthEffect
{
    /// <summary>Nothing (the delivery was held, given back or dead without an attempt).</summary>
    None,

    /// <summary>The receiver accepted it: the run of failures ends.</summary>
    Success,

    /// <summary>A failure that counts toward disabling.</summary>
    Failure,

    /// <summary>HTTP 410 Gone: disabled at once.</summary>
    Gone,

    /// <summary>The receiver asked for time (429, or 503 with <c>Retry-After</c>): held back, not counted.</summary>
    Throttled,

    /// <summary>An edit or a successful test of the saved settings: everything is cleared.</summary>
    Reset,
}
