namespace Integrations;

/// <summary>Converts <see cref="IntegrationEvents"/> to and from their snake_case names.</summary>
public static class IntegrationEventNames
{
    private static readonly (IntegrationEvents Event, string Name)[] Names =
    [
        (IntegrationEvents.Push, "push"),
        (IntegrationEvents.TagPush, "tag_push"),
        (IntegrationEvents.Issue, "issue"),
        (IntegrationEvents.ConfidentialIssue, "confidential_issue"),
        (IntegrationEvents.MergeRequest, "merge_request"),
        (IntegrationEvents.Note, "note"),
        (IntegrationEvents.ConfidentialNote, "confidential_note"),
        (IntegrationEvents.Pipeline, "pipeline"),
        (IntegrationEvents.Job, "job"),
        (IntegrationEvents.Deployment, "deployment"),
        (IntegrationEvents.Alert, "alert"),
        (IntegrationEvents.WikiPage, "wiki_page"),
        (IntegrationEvents.Release, "release"),
        (IntegrationEvents.Vulnerability, "vulnerability"),
        (IntegrationEvents.FeatureFlag, "feature_flag"),
        (IntegrationEvents.Emoji, "emoji"),
        (IntegrationEvents.Milestone, "milestone"),
        (IntegrationEvents.Member, "member"),
        (IntegrationEvents.Project, "project"),
        (IntegrationEvents.Subgroup, "subgroup"),
        (IntegrationEvents.ResourceAccessToken, "resource_access_token"),
    ];

    /// <summary>The name of a single event kind, for example <c>tag_push</c>.</summary>
    /// <param name="singleEvent">Exactly one event flag.</param>
    /// <exception cref="ArgumentException">The value is not exactly one known event.</exception>
    public static string GetName(IntegrationEvents singleEvent)
    {
        foreach (var (e, name) in Names)
        {
            if (e == singleEvent)
            {
                return name;
            }
        }

        throw new ArgumentException($"'{singleEvent}' is not a single event kind.", nameof(singleEvent));
    }

    /// <summary>The names of every event in a set, in declaration order.</summary>
    /// <param name="events">A set of events.</param>
    public static IReadOnlyList<string> ToNames(IntegrationEvents events)
    {
        var list = new List<string>();
        foreach (var (e, name) in Names)
        {
            if ((events & e) != 0)
            {
                list.Add(name);
            }
        }

        return list;
    }

    /// <summary>The single events of a set, in declaration order.</summary>
    /// <param name="events">A set of events.</param>
    public static IEnumerable<IntegrationEvents> Split(IntegrationEvents events)
    {
        foreach (var (e, _) in Names)
        {
            if ((events & e) != 0)
            {
                yield return e;
            }
        }
    }

    /// <summary>Reads one event name (<c>merge_request</c>, also <c>MergeRequest</c> or <c>merge_requests_events</c>).</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The event when known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? name, out IntegrationEvents value)
    {
        value = IntegrationEvents.None;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var normalized = Normalize(name.Trim());
        foreach (var (e, n) in Names)
        {
            if (n == normalized)
            {
                value = e;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// GitLab's parameter and column name for one event kind, as its REST API and forms use it: <c>push_events</c>,
    /// <c>issues_events</c>, <c>confidential_issues_events</c>, <c>merge_requests_events</c>, <c>releases_events</c>,
    /// … (<see cref="TryParse"/> reads these names back).
    /// </summary>
    /// <param name="singleEvent">One event kind.</param>
    /// <exception cref="ArgumentException">Not a single event kind.</exception>
    public static string GetFlagName(IntegrationEvents singleEvent) => GetName(singleEvent) switch
    {
        "issue" => "issues_events",
        "confidential_issue" => "confidential_issues_events",
        "merge_request" => "merge_requests_events",
        "release" => "releases_events",
        var name => name + "_events",
    };

    /// <summary>Formats a set as a comma-separated list of names (the stored form).</summary>
    /// <param name="events">A set of events.</param>
    public static string Format(IntegrationEvents events) => string.Join(',', ToNames(events));

    /// <summary>Parses the stored comma-separated form; unknown names are ignored and reported.</summary>
    /// <param name="text">The stored text.</param>
    /// <param name="unknown">Names that were not recognised, if any.</param>
    public static IntegrationEvents Parse(string? text, out IReadOnlyList<string> unknown)
    {
        var result = IntegrationEvents.None;
        List<string>? bad = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (TryParse(part, out var e))
                {
                    result |= e;
                }
                else
                {
                    (bad ??= []).Add(part);
                }
            }
        }

        unknown = bad ?? (IReadOnlyList<string>)[];
        return result;
    }

    private static string Normalize(string name)
    {
        // Accept GitLab's column names (merge_requests_events, issues_events) and PascalCase enum names.
        var snake = name.Contains('_', StringComparison.Ordinal) || name.All(c => !char.IsUpper(c))
            ? name.ToLowerInvariant()
            : SnakeCase.Convert(name);
        if (snake.EndsWith("_events", StringComparison.Ordinal))
        {
            snake = snake[..^"_events".Length];
            snake = snake switch
            {
                "issues" => "issue",
                "merge_requests" => "merge_request",
                "confidential_issues" => "confidential_issue",
                "releases" => "release",
                _ => snake,
            };
        }

        return snake;
    }
}
