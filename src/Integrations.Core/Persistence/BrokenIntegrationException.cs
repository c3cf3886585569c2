namespace Integrations.Persistence;

/// <summary>An integration asked for by id exists but cannot be loaded.</summary>
public sealed class BrokenIntegrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BrokenIntegrationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public BrokenIntegrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BrokenIntegrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a broken row.</summary>
    /// <param name="broken">The broken row.</param>
    public BrokenIntegrationException(BrokenIntegration broken)
        : base($"The integration {broken?.Id} ('{broken?.Type}' at {broken?.Scope}) cannot be loaded: {broken?.Reason}") => Broken = broken;

    /// <summary>The broken row, when known.</summary>
    public BrokenIntegration? Broken { get; }
}
