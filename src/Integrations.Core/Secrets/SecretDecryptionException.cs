namespace Integrations.Secrets;

/// <summary>A stored secret could not be decrypted (missing key, altered or moved value). Never carries the value.</summary>
public sealed class SecretDecryptionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretDecryptionException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    /// <param name="message">Why decryption failed.</param>
    public SecretDecryptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and cause.</summary>
    /// <param name="message">Why decryption failed.</param>
    /// <param name="innerException">The cause.</param>
    public SecretDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
