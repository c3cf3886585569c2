using System.Text.RegularExpressions;

namespace Integrations.Providers.Webhook;

/// <summary>URL variables: <c>{name}</c> placeholders in a webhook URL, filled from secret values at delivery.</summary>
internal static partial class WebhookUrl
{
    /// <summary>The most variables a hook may have.</summary>
    public const int MaxVariables = 20;

    /// <summary>The longest variable value.</summary>
    public const int MaxValueLength = 2048;

    /// <summary>A variable name: letters, then digits, then groups joined by <c>.</c>, <c>_</c> or <c>-</c> (GitLab's rule).</summary>
    [GeneratedRegex(@"\{([A-Za-z]+[0-9]*(?:[._-][A-Za-z0-9]+)*)\}", RegexOptions.CultureInvariant)]
    public static partial Regex Reference();

    [GeneratedRegex(@"^[A-Za-z]+[0-9]*(?:[._-][A-Za-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex Name();

    /// <summary>The names the URL refers to, in order, each once.</summary>
    public static IReadOnlyList<string> Names(string url) =>
        Reference().Matches(url).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The URL with every reference replaced, or null with the first missing name.</summary>
    public static string? Interpolate(string url, IReadOnlyDictionary<string, string> variables, out string? missing)
    {
        string? firstMissing = null;
        var result = Reference().Replace(url, m =>
        {
            if (variables.TryGetValue(m.Groups[1].Value, out var value))
            {
                return value;
            }

            firstMissing ??= m.Groups[1].Value;
            return m.Value;
        });
        missing = firstMissing;
        return missing is null ? result : null;
    }
}
