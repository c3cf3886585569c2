namespace Integrations.Providers.Webhook;

/// <summary>What HTTP allows in header names and values (RFC 9110).</summary>
internal static class HeaderRules
{
    private const string TokenSymbols = "!#$%&'*+-.^_`|~";

    /// <summary>Whether the name is an HTTP token.</summary>
    public static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => c < 128 && (char.IsAsciiLetterOrDigit(c) || TokenSymbols.Contains(c, StringComparison.Ordinal)));

    /// <summary>Whether the value has no CR, LF or other control character (tab allowed).</summary>
    public static bool IsValidValue(string value) => !value.Any(c => c != '\t' && char.IsControl(c));
}
