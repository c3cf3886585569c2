namespace Integrations.Chat;

/// <summary>GitLab's chat filters: pipeline status, branches to be notified, labels to be notified.</summary>
internal static class ChatFilters
{
    public static async ValueTask<string?> WhyNotSentAsync(ChatIntegration settings, IntegrationExecutionContext context, IProjectBranches? branches, CancellationToken cancellationToken)
    {
        var p = new PayloadReader(context.Payload);
        if (context.Event == IntegrationEvents.Pipeline)
        {
            var status = p.Text("object_attributes", "status");
            if (status == "success" && settings.NotifyOnlyBrokenPipelines)
            {
                return "the pipeline passed, and only broken pipelines are announced.";
            }

            if (status is not ("success" or "failed") && !(status == "running" && settings.AnnouncesRunningPipelines && !settings.NotifyOnlyBrokenPipelines))
            {
                return $"pipelines are announced when they pass or fail, not when {status}.";
            }
        }

        var (gitRef, isTag) = context.Event switch
        {
            IntegrationEvents.Push => (p.Text("ref"), false),
            IntegrationEvents.TagPush => (p.Text("ref"), true),
            IntegrationEvents.Pipeline => (p.Text("object_attributes", "ref"), p.Flag("object_attributes", "tag")),
            IntegrationEvents.Deployment => (p.Text("ref"), p.Flag("tag")),
            _ => (null, false),
        };
        if (!isTag && !string.IsNullOrEmpty(gitRef) && !gitRef.StartsWith("refs/tags/", StringComparison.Ordinal)
            && !await IsBranchNotifiedAsync(settings.BranchesToBeNotified, gitRef.Replace("refs/heads/", string.Empty, StringComparison.Ordinal), p, context, branches, cancellationToken).ConfigureAwait(false))
        {
            return $"branch {gitRef.Replace("refs/heads/", string.Empty, StringComparison.Ordinal)} is not among the branches to be notified ({IntegrationEventNamesText(settings.BranchesToBeNotified)}).";
        }

        if (context.Event is IntegrationEvents.Issue or IntegrationEvents.ConfidentialIssue or IntegrationEvents.MergeRequest or IntegrationEvents.Note or IntegrationEvents.ConfidentialNote
            && Wanted(settings.LabelsToBeNotified) is { Count: > 0 } wanted)
        {
            var labels = Labels(p);
            var matches = settings.LabelsToBeNotifiedBehavior == LabelsMatch.MatchAll ? wanted.All(labels.Contains) : wanted.Any(labels.Contains);
            if (!matches)
            {
                return $"it does not carry {(settings.LabelsToBeNotifiedBehavior == LabelsMatch.MatchAll ? "all" : "any")} of the labels to be notified ({string.Join(", ", wanted)}).";
            }
        }

        return null;
    }

    private static async ValueTask<bool> IsBranchNotifiedAsync(BranchesToBeNotified which, string branch, PayloadReader p, IntegrationExecutionContext context,
        IProjectBranches? branches, CancellationToken cancellationToken)
    {
        if (which == BranchesToBeNotified.All)
        {
            return true;
        }

        var projectId = context.Project.Id;
        var defaultBranch = branches is not null
            ? await branches.GetDefaultBranchAsync(projectId, cancellationToken).ConfigureAwait(false)
            : p.Text("project", "default_branch");
        var isDefault = branch == defaultBranch;
        if (which == BranchesToBeNotified.Default)
        {
            return isDefault;
        }

        var isProtected = branches is not null
            ? await branches.IsProtectedAsync(projectId, branch, cancellationToken).ConfigureAwait(false)
            : p.Flag("ref_protected");
        return which == BranchesToBeNotified.Protected ? isProtected : isDefault || isProtected;
    }

    private static string IntegrationEventNamesText(BranchesToBeNotified which) => which switch
    {
        BranchesToBeNotified.Default => "the default branch",
        BranchesToBeNotified.Protected => "protected branches",
        BranchesToBeNotified.DefaultAndProtected => "the default and protected branches",
        _ => "all branches",
    };

    private static List<string> Wanted(string? labels) => (labels ?? string.Empty)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(l => l.TrimStart('~').Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static HashSet<string> Labels(PayloadReader p)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in new[] { new[] { "labels" }, ["object_attributes", "labels"], ["issue", "labels"], ["merge_request", "labels"] })
        {
            foreach (var label in p.Items(path))
            {
                if (label.Text("title") is { } title)
                {
                    labels.Add(title);
                }
                else if (label.Root.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    labels.Add(label.Root.GetString()!);
                }
            }
        }

        return labels;
    }
}
