namespace Integrations.Providers.Jira;

/// <summary>Jira refused or failed a request made for the host (issue search); the message says why and what to do.</summary>
public sealed class JiraException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JiraException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public JiraException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public JiraException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Jira's HTTP status, when it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Whether trying again later may work (429, 5xx).</summary>
    public bool IsTransient { get; init; }
}
