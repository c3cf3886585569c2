namespace Integrations.Http;

/// <summary>
/// A request was not sent because its destination is not allowed (a loopback, private or metadata address, or a name
/// that resolves to one). The message says which address and why, and how to allow it.
/// </summary>
public sealed class OutboundRequestRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutboundRequestRefusedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the request was refused.</param>
    public OutboundRequestRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">Why the request was refused.</param>
    /// <param name="innerException">The cause.</param>
    public OutboundRequestRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
