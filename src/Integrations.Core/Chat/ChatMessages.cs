using System.Globalization;
using System.Text.Json;

namespace Integrations.Chat;

/// <summary>
/// Builds the product-neutral <see cref="ChatMessage"/> of an event with GitLab's chat rules: no message for issue or
/// merge request "update" (or other actions chat does not announce), users shown as "Full Name (username)", links
/// absolute, pipelines with their duration and at most 10 failed jobs then "and N more".
/// </summary>
public static class ChatMessages
{
    /// <summary>The most failed jobs a pipeline message names.</summary>
    public const int MaxVisibleJobs = 10;

    private const string BlankSha = "0000000000000000000000000000000000000000";

    /// <summary>The message for an event, or null when GitLab's chat integrations say nothing about it.</summary>
    /// <param name="kind">The event kind.</param>
    /// <param name="payload">The event's GitLab-compatible JSON.</param>
    public static ChatMessage? From(IntegrationEvents kind, JsonElement payload)
    {
        var p = new PayloadReader(payload);
        return kind switch
        {
            IntegrationEvents.Push or IntegrationEvents.TagPush => Push(kind, p),
            IntegrationEvents.Issue or IntegrationEvents.ConfidentialIssue => Issue(kind, p),
            IntegrationEvents.MergeRequest => MergeRequest(p),
            IntegrationEvents.Note or IntegrationEvents.ConfidentialNote => Note(kind, p),
            IntegrationEvents.Pipeline => Pipeline(p),
            IntegrationEvents.Deployment => Deployment(p),
            IntegrationEvents.WikiPage => WikiPage(p),
            IntegrationEvents.Alert => Alert(p),
            IntegrationEvents.Release => Release(p),
            _ => null,
        };
    }

    /// <summary>A duration as GitLab's chat messages show it: <c>mm:ss</c> under an hour, else <c>hh:mm:ss</c>.</summary>
    /// <param name="seconds">The duration in seconds.</param>
    public static string PrettyDuration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours:00}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes:00}:{span.Seconds:00}");
    }

    private static ChatMessage? Push(IntegrationEvents kind, PayloadReader p)
    {
        var gitRef = p.Text("ref") ?? string.Empty;
        var isTag = gitRef.StartsWith("refs/tags/", StringComparison.Ordinal) || kind == IntegrationEvents.TagPush;
        var name = gitRef.Replace("refs/heads/", string.Empty, StringComparison.Ordinal).Replace("refs/tags/", string.Empty, StringComparison.Ordinal);
        var before = p.Text("before") ?? BlankSha;
        var after = p.Text("after") ?? BlankSha;
        var user = new ChatSpan(UserName(p.Text("user_name"), p.Text("user_username")));
        var project = Project(p);
        var webUrl = p.Text("project", "web_url");
        var what = isTag ? "tag" : "branch";
        var refUrl = webUrl is null ? null : webUrl + (isTag ? "/-/tags/" : "/-/commits/") + name;

        var title = new List<ChatSpan> { user };
        if (before == BlankSha)
        {
            title.AddRange([new ChatSpan($" pushed new {what} "), new ChatSpan(name, refUrl), new ChatSpan(" to "), project]);
        }
        else if (after == BlankSha)
        {
            title.AddRange([new ChatSpan($" removed {what} {name} from "), project]);
        }
        else
        {
            title.AddRange([new ChatSpan($" pushed to {what} "), new ChatSpan(name, refUrl), new ChatSpan(" of "), project]);
            if (webUrl is not null)
            {
                title.AddRange([new ChatSpan(" ("), new ChatSpan("Compare changes", $"{webUrl}/-/compare/{before[..Math.Min(8, before.Length)]}...{after[..Math.Min(8, after.Length)]}"), new ChatSpan(")")]);
            }
        }

        var lines = p.Items("commits").Select(c =>
        {
            var sha = c.Text("id") ?? string.Empty;
            var commitTitle = c.Text("title") ?? (c.Text("message") ?? string.Empty).Split('\n')[0];
            return new ChatText([new ChatSpan(sha[..Math.Min(8, sha.Length)], c.Text("url")), new ChatSpan($": {commitTitle} - {c.Text("author", "name")}")]);
        }).ToArray();

        return new ChatMessage { Event = isTag ? IntegrationEvents.TagPush : IntegrationEvents.Push, Title = new ChatText(title), Lines = lines };
    }

    private static ChatMessage? Issue(IntegrationEvents kind, PayloadReader p)
    {
        var verb = Verb(p.Text("object_attributes", "action"));
        if (verb is null)
        {
            return null;
        }

        var iid = p.Text("object_attributes", "iid");
        var title = new ChatText(
        [
            new ChatSpan("["), Project(p), new ChatSpan($"] {(kind == IntegrationEvents.ConfidentialIssue ? "Confidential issue" : "Issue")} "),
            new ChatSpan($"#{iid} {p.Text("object_attributes", "title")}", p.Text("object_attributes", "url")),
            new ChatSpan($" {verb} by {User(p)}"),
        ]);
        var description = p.Text("object_attributes", "description");
        return new ChatMessage
        {
            Event = kind,
            Title = title,
            Lines = verb == "opened" && !string.IsNullOrWhiteSpace(description) ? [ChatText.Of(description)] : [],
            ThreadKey = $"issue:{p.Text("project", "id")}:{iid}",
        };
    }

    private static ChatMessage? MergeRequest(PayloadReader p)
    {
        var verb = Verb(p.Text("object_attributes", "action"));
        if (verb is null)
        {
            return null;
        }

        var iid = p.Text("object_attributes", "iid");
        return new ChatMessage
        {
            Event = IntegrationEvents.MergeRequest,
            Title = new ChatText(
            [
                new ChatSpan($"{User(p)} {verb} merge request "),
                new ChatSpan($"!{iid} {p.Text("object_attributes", "title")}", p.Text("object_attributes", "url")),
                new ChatSpan(" in "), Project(p),
            ]),
            Tone = verb == "merged" ? ChatTone.Good : ChatTone.Neutral,
            ThreadKey = $"merge_request:{p.Text("project", "id")}:{iid}",
        };
    }

    private static ChatMessage? Note(IntegrationEvents kind, PayloadReader p)
    {
        var url = p.Text("object_attributes", "url");
        var projectId = p.Text("project", "id");
        (string On, string? Subject, string? Thread) target = p.Text("object_attributes", "noteable_type") switch
        {
            "Issue" => ($"issue #{p.Text("issue", "iid")}", p.Text("issue", "title"), $"issue:{projectId}:{p.Text("issue", "iid")}"),
            "MergeRequest" => ($"merge request !{p.Text("merge_request", "iid")}", p.Text("merge_request", "title"), $"merge_request:{projectId}:{p.Text("merge_request", "iid")}"),
            "Commit" => ($"commit {(p.Text("commit", "id") ?? string.Empty)[..Math.Min(8, (p.Text("commit", "id") ?? string.Empty).Length)]}", p.Text("commit", "title") ?? p.Text("commit", "message")?.Split('\n')[0], null),
            "Snippet" => ($"snippet ${p.Text("snippet", "id")}", p.Text("snippet", "title"), null),
            _ => ("an item", null, null),
        };
        var title = new List<ChatSpan> { new($"{User(p)} "), new($"commented on {target.On}", url), new(" in "), Project(p) };
        if (!string.IsNullOrEmpty(target.Subject))
        {
            title.Add(new ChatSpan($": {target.Subject}"));
        }

        var body = p.Text("object_attributes", "note");
        return new ChatMessage
        {
            Event = kind,
            Title = new ChatText(title),
            Lines = string.IsNullOrWhiteSpace(body) ? [] : [ChatText.Of(body)],
            ThreadKey = target.Thread,
        };
    }

    private static ChatMessage? Pipeline(PayloadReader p)
    {
        var status = p.Text("object_attributes", "status");
        var id = p.Text("object_attributes", "id");
        var gitRef = p.Text("object_attributes", "ref") ?? string.Empty;
        var isTag = p.Flag("object_attributes", "tag");
        var webUrl = p.Text("project", "web_url");
        var builds = p.Items("builds").ToArray();
        var warnings = status == "success" && (p.Text("object_attributes", "detailed_status") == "passed with warnings"
            || builds.Any(b => b.Text("status") == "failed" && b.Flag("allow_failure")));
        var (outcome, tone) = status switch
        {
            "success" when warnings => ("has passed with warnings", ChatTone.Warning),
            "success" => ("has passed", ChatTone.Good),
            "failed" => ("has failed", ChatTone.Danger),
            "canceled" => ("was canceled", ChatTone.Warning),
            "running" => ("is running", ChatTone.Neutral),
            _ => ($"is {status}", ChatTone.Neutral),
        };
        var duration = p.Number("object_attributes", "duration") is { } seconds ? $" in {PrettyDuration(seconds)}" : string.Empty;
        var refUrl = webUrl is null ? null : webUrl + (isTag ? "/-/tags/" : "/-/commits/") + gitRef;
        var title = new ChatText(
        [
            new ChatSpan("Pipeline "), new ChatSpan($"#{id}", p.Text("object_attributes", "url")),
            new ChatSpan($" of {(isTag ? "tag" : "branch")} "), new ChatSpan(gitRef, refUrl),
            new ChatSpan($" by {User(p)} {outcome}{duration}"),
        ]);

        var facts = new List<ChatFact> { new(isTag ? "Tag" : "Branch", new ChatText([new ChatSpan(gitRef, refUrl)])) };
        var sha = p.Text("object_attributes", "sha") ?? p.Text("commit", "id");
        if (sha is not null)
        {
            facts.Add(new ChatFact("Commit", new ChatText(
                [new ChatSpan(sha[..Math.Min(8, sha.Length)], p.Text("commit", "url")), new ChatSpan($": {p.Text("commit", "title") ?? p.Text("commit", "message")?.Split('\n')[0]}")])));
        }

        var failed = builds.Where(b => b.Text("status") == "failed" && !b.Flag("allow_failure")).ToArray();
        if (failed.Length > 0)
        {
            facts.Add(new ChatFact("Failed stage(s)", ChatText.Of(string.Join(", ", failed.Select(b => b.Text("stage")).Distinct()))));
            var jobs = new List<ChatSpan>();
            foreach (var job in failed.Take(MaxVisibleJobs))
            {
                if (jobs.Count > 0)
                {
                    jobs.Add(new ChatSpan(", "));
                }

                jobs.Add(new ChatSpan(job.Text("name") ?? "job", webUrl is null ? null : $"{webUrl}/-/jobs/{job.Text("id")}"));
            }

            if (failed.Length > MaxVisibleJobs)
            {
                jobs.Add(new ChatSpan(" and "));
                jobs.Add(new ChatSpan($"{failed.Length - MaxVisibleJobs} more", p.Text("object_attributes", "url") is { } u ? u + "/failures" : null));
            }

            facts.Add(new ChatFact("Failed job(s)", new ChatText(jobs)));
        }

        return new ChatMessage { Event = IntegrationEvents.Pipeline, Title = title, Facts = facts, Tone = tone, ThreadKey = $"pipeline:{p.Text("project", "id")}:{id}" };
    }

    private static ChatMessage? Deployment(PayloadReader p)
    {
        var (outcome, tone) = p.Text("status") switch
        {
            "success" => ("succeeded", ChatTone.Good),
            "failed" => ("failed", ChatTone.Danger),
            "canceled" => ("canceled", ChatTone.Warning),
            "running" => ("started", ChatTone.Neutral),
            _ => (null, ChatTone.Neutral),
        };
        if (outcome is null)
        {
            return null;
        }

        var environment = p.Text("environment") ?? "an environment";
        var shortSha = p.Text("short_sha");
        return new ChatMessage
        {
            Event = IntegrationEvents.Deployment,
            Title = new ChatText(
            [
                new ChatSpan("Deploy to "), new ChatSpan(environment, p.Text("environment_external_url")), new ChatSpan($" {outcome}"),
            ]),
            Lines =
            [
                new ChatText(
                [
                    Project(p), new ChatSpan(" with job "), new ChatSpan($"#{p.Text("deployable_id")}", p.Text("deployable_url")),
                    new ChatSpan($" by {User(p)}"),
                ]),
                new ChatText([new ChatSpan(shortSha ?? string.Empty, p.Text("commit_url")), new ChatSpan($": {p.Text("commit_title")}")]),
            ],
            Tone = tone,
        };
    }

    private static ChatMessage? WikiPage(PayloadReader p)
    {
        var verb = p.Text("object_attributes", "action") switch
        {
            "create" => "created",
            "update" => "edited",
            "delete" => "deleted",
            _ => null,
        };
        return verb is null ? null : new ChatMessage
        {
            Event = IntegrationEvents.WikiPage,
            Title = new ChatText(
            [
                new ChatSpan($"{User(p)} {verb} wiki page "), new ChatSpan(p.Text("object_attributes", "title") ?? "a page", p.Text("object_attributes", "url")),
                new ChatSpan(" in "), Project(p),
            ]),
            Lines = p.Text("object_attributes", "message") is { Length: > 0 } message ? [ChatText.Of(message)] : [],
        };
    }

    private static ChatMessage? Alert(PayloadReader p)
    {
        var status = p.Text("object_attributes", "status") ?? "triggered";
        var facts = new List<ChatFact> { new("Severity", ChatText.Of(p.Text("object_attributes", "severity") ?? "unknown")), new("Status", ChatText.Of(status)) };
        if (p.Text("object_attributes", "events") is { } events)
        {
            facts.Add(new ChatFact("Events", ChatText.Of(events)));
        }

        if (p.Text("object_attributes", "started_at") is { } started)
        {
            facts.Add(new ChatFact("Start time", ChatText.Of(started)));
        }

        return new ChatMessage
        {
            Event = IntegrationEvents.Alert,
            Title = new ChatText([new ChatSpan(status == "resolved" ? "Alert resolved: " : "Alert firing: "), new ChatSpan(p.Text("object_attributes", "title") ?? "alert", p.Text("object_attributes", "url"))]),
            Facts = facts,
            Tone = status is "resolved" or "ignored" ? ChatTone.Good : ChatTone.Danger,
        };
    }

    private static ChatMessage? Release(PayloadReader p)
    {
        var verb = p.Text("action") switch
        {
            "create" => "created",
            "update" => "updated",
            "delete" => "deleted",
            _ => null,
        };
        if (verb is null)
        {
            return null;
        }

        var title = new List<ChatSpan> { new("Release "), new(p.Text("name") ?? p.Text("tag") ?? "release", p.Text("url")), new($" {verb} in "), Project(p) };
        return new ChatMessage
        {
            Event = IntegrationEvents.Release,
            Title = new ChatText(title),
            Lines = p.Text("description") is { Length: > 0 } description ? [ChatText.Of(description)] : [],
            Facts = p.Text("tag") is { } tag ? [new ChatFact("Tag", ChatText.Of(tag))] : [],
        };
    }

    private static string? Verb(string? action) => action switch
    {
        "open" => "opened",
        "close" => "closed",
        "reopen" => "reopened",
        "merge" => "merged",
        _ => null, // "update" and the rest: GitLab's chat integrations stay silent
    };

    private static string User(PayloadReader p) => UserName(p.Text("user", "name"), p.Text("user", "username"));

    private static string UserName(string? name, string? username) =>
        string.IsNullOrEmpty(username) ? name ?? "Someone" : string.IsNullOrEmpty(name) ? username : $"{name} ({username})";

    private static ChatSpan Project(PayloadReader p) =>
        new(p.Text("project", "path_with_namespace") ?? p.Text("project", "name") ?? "the project", p.Text("project", "web_url"));
}
