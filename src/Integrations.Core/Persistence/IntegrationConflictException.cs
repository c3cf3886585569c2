namespace Integrations.Persistence;

/// <summary>A scope already has an integration of a type that is allowed once per scope.</summary>
public sealed class IntegrationConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IntegrationConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IntegrationConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IntegrationConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
