namespace Integrations.Persistence;

/// <summary>
/// An integration was changed or deleted by someone else since it was loaded. Nothing was written; the caller's
/// object still holds its changes, so it can reload, re-apply and save again.
/// </summary>
public sealed class IntegrationConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IntegrationConcurrencyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IntegrationConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IntegrationConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
