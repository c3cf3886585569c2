namespace Integrations.Webhooks;

/// <summary>
/// Thrown by <see cref="WebhookBackedIntegration.GetTarget"/> or <see cref="WebhookBackedIntegration.CreateBody"/> when
/// no request can be built for this event (a custom template that does not fit it, a URL variable that is missing). The delivery fails with the message, without retrying: the same
/// event would fail the same way.
/// </summary>
public sealed class WebhookRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookRequestException()
    {
    }

    /// <summary>Creates the exception with a message for the delivery log.</summary>
    /// <param name="message">What is wrong, naming the setting to fix.</param>
    public WebhookRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
