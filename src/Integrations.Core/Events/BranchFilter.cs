using System.Text.RegularExpressions;

namespace Integrations.Events;

/// <summary>
/// A push branch filter. It applies to <see cref="IntegrationEvents.Push"/> events only and matches the branch name
/// (the ref without <c>refs/heads/</c>). A push whose ref is not a branch (a tag ref) never matches a wildcard or regex
/// filter, so tags do not slip through a branch filter by accident. An invalid or too-slow regular expression matches
/// nothing.
/// </summary>
public sealed class BranchFilter
{
    private const string BranchPrefix = "refs/heads/";
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private readonly string[] _wildcards = [];
    private readonly Regex? _regex;

    /// <summary>Creates a filter.</summary>
    /// <param name="strategy">How to match.</param>
    /// <param name="pattern">The wildcard patterns or the regular expression; ignored for <see cref="BranchFilterStrategy.AllBranches"/>.</param>
    public BranchFilter(BranchFilterStrategy strategy, string? pattern)
    {
        Strategy = strategy;
        Pattern = pattern;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            Strategy = BranchFilterStrategy.AllBranches;
            return;
        }

        if (strategy == BranchFilterStrategy.Wildcard)
        {
            _wildcards = pattern.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        else if (strategy == BranchFilterStrategy.Regex)
        {
            try
            {
                _regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                IsInvalid = true;
            }
        }
    }

    /// <summary>The strategy.</summary>
    public BranchFilterStrategy Strategy { get; }

    /// <summary>The pattern as given.</summary>
    public string? Pattern { get; }

    /// <summary>Whether the regular expression could not be compiled (it then matches nothing).</summary>
    public bool IsInvalid { get; }

    /// <summary>Checks whether a regular expression is usable as a branch filter.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="error">Why not.</param>
    public static bool IsValidRegex(string pattern, out string? error)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Whether the event passes: non-push events always do; pushes must match the branch.</summary>
    /// <param name="event">The event.</param>
    public bool Accepts(IntegrationEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return @event.Kind != IntegrationEvents.Push || MatchesRef(@event.Ref);
    }

    /// <summary>Whether a full ref (<c>refs/heads/main</c>) passes the filter.</summary>
    /// <param name="gitRef">The ref.</param>
    public bool MatchesRef(string? gitRef)
    {
        if (Strategy == BranchFilterStrategy.AllBranches)
        {
            return true;
        }

        if (gitRef is null || !gitRef.StartsWith(BranchPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var branch = gitRef[BranchPrefix.Length..];
        if (Strategy == BranchFilterStrategy.Wildcard)
        {
            return _wildcards.Any(w => WildcardMatches(w, branch));
        }

        if (_regex is null)
        {
            return false;
        }

        try
        {
            return _regex.IsMatch(branch);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool WildcardMatches(string pattern, string value)
    {
        // '*' matches any run of characters, including '/'; everything else matches itself.
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (p < pattern.Length && pattern[p] == value[v])
            {
                p++;
                v++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
