namespace Integrations.Registry;

/// <summary>An integration type name or class that is not registered.</summary>
public sealed class UnknownIntegrationTypeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnknownIntegrationTypeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UnknownIntegrationTypeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownIntegrationTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
