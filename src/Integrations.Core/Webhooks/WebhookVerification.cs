namespace Integrations.Webhooks;

/// <summary>The outcome of checking a received webhook's signature.</summary>
/// <param name="IsValid">Whether the delivery is authentic and fresh.</param>
/// <param name="Failure">Why it is not, for the receiver's own log (never send it back to the caller).</param>
public readonly record struct WebhookVerification(bool IsValid, string? Failure)
{
    /// <summary>A valid delivery.</summary>
    public static WebhookVerification Valid => new(true, null);

    /// <summary>An invalid delivery.</summary>
    /// <param name="failure">Why.</param>
    public static WebhookVerification Invalid(string failure) => new(false, failure);
}
