namespace Integrations.Providers.ServiceNow;

/// <summary>ServiceNow refused or failed a request made for the host (the approval gate); the message says why and what to do.</summary>
public sealed class ServiceNowException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServiceNowException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ServiceNowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ServiceNowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>ServiceNow's HTTP status, when it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Whether trying again later may work (429, 5xx, a timeout).</summary>
    public bool IsTransient { get; init; }
}
