namespace Integrations.Validation;

/// <summary>An integration was not saved because it is invalid. Carries the errors by field; never a secret value.</summary>
public sealed class IntegrationValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IntegrationValidationException()
        : this(IntegrationValidationResult.Valid, "The integration is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IntegrationValidationException(string message)
        : this(IntegrationValidationResult.Valid, message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IntegrationValidationException(string message, Exception innerException)
        : base(message, innerException) => Result = IntegrationValidationResult.Valid;

    /// <summary>Creates the exception for a failed validation.</summary>
    /// <param name="result">The validation result.</param>
    /// <param name="message">The message.</param>
    public IntegrationValidationException(IntegrationValidationResult result, string message)
        : base(message) => Result = result;

    /// <summary>The validation result.</summary>
    public IntegrationValidationResult Result { get; }

    /// <summary>Error messages keyed by field name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors => Result.Errors;
}
