using System.Text.RegularExpressions;

namespace Integrations.Providers.Jira;

/// <summary>
/// Finds Jira issue keys in text: GitLab's default (<c>[A-Z][A-Z_0-9]+-\d+</c>, never a CVE id) or the integration's
/// own regex and prefix, limited to the allowed project keys. Custom regexes run without backtracking and with a timeout.
/// </summary>
public sealed partial class JiraIssueKeys
{
    /// <summary>The longest custom regex or prefix, as GitLab.</summary>
    public const int MaxPatternLength = 255;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex _key;
    private readonly Regex _closing;
    private readonly HashSet<string> _projects;

    /// <summary>Creates a finder.</summary>
    /// <param name="regex">A custom key regex, or null for GitLab's default.</param>
    /// <param name="prefix">Text that must precede the key (<c>JIRA#</c>), or null.</param>
    /// <param name="projectKeys">The only project keys to act on; all when empty.</param>
    /// <exception cref="ArgumentException">The regex or prefix is invalid.</exception>
    public JiraIssueKeys(string? regex = null, string? prefix = null, IEnumerable<string>? projectKeys = null)
    {
        var key = string.IsNullOrWhiteSpace(regex) ? @"(?!CVE-\d+-\d+)[A-Z][A-Z_0-9]+-\d+" : regex;
        var before = string.IsNullOrEmpty(prefix) ? string.Empty : Regex.Escape(prefix);
        const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
        try
        {
            // The default regex has a lookahead, which the non-backtracking engine does not support; it is ours and linear.
            var custom = !string.IsNullOrWhiteSpace(regex);
            _key = new Regex($@"\b{before}(?<key>{key})\b", Options | (custom ? RegexOptions.NonBacktracking : RegexOptions.None), MatchTimeout);
            _closing = new Regex($@"\b(?:close[sd]?|closing|fix(?:e[sd]|ing)?|resolve[sd]?|resolving|implement(?:s|ed|ing)?)\b:?\s+{before}(?<key>{key})\b",
                Options | RegexOptions.IgnoreCase | (custom ? RegexOptions.NonBacktracking : RegexOptions.None), MatchTimeout);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new ArgumentException("The issue key regex or prefix is not a usable regular expression: " + ex.Message, nameof(regex), ex);
        }

        _projects = new HashSet<string>((projectKeys ?? []).Select(p => p.Trim().ToUpperInvariant()).Where(p => p.Length > 0), StringComparer.Ordinal);
    }

    /// <summary>The distinct keys mentioned in the text, in order of appearance.</summary>
    /// <param name="text">A commit message, a title or a description.</param>
    public IReadOnlyList<string> Mentioned(string? text) => Find(_key, text);

    /// <summary>The keys the text closes ("Closes KEY-1", "Fixes KEY-2", "Resolves KEY-3").</summary>
    /// <param name="text">A commit message or a merge request's title and description.</param>
    public IReadOnlyList<string> Closed(string? text) => Find(_closing, text);

    private List<string> Find(Regex regex, string? text)
    {
        var keys = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return keys;
        }

        try
        {
            foreach (Match match in regex.Matches(text))
            {
                var key = match.Groups["key"].Value;
                var project = key.Split('-')[0];
                if (!keys.Contains(key, StringComparer.Ordinal) && (_projects.Count == 0 || _projects.Contains(project)))
                {
                    keys.Add(key);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological text: act on what was found before the time ran out.
        }

        return keys;
    }
}
