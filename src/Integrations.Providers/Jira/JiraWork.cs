using System.Text.Json.Nodes;

namespace Integrations.Providers.Jira;

/// <summary>
/// Applies one mention to Jira: the remote link (an idempotent upsert by <c>globalId</c>), the comment once, and the
/// transition once. "Once" is a claim in the integration's state made before the write: a retry, a resend or another
/// worker finds the claim and skips. A claim is released when Jira answers with an error (so the retry writes), and
/// kept when the outcome is unknown (a timeout), so nothing is ever written twice.
/// </summary>
internal sealed class JiraWork(JiraApi api, JiraIntegration settings, IntegrationExecutionContext context, JiraWritePacer? pacer)
{
    /// <summary>A write to one issue, paced per issue when a pacer is registered.</summary>
    private async Task<JiraAnswer> WriteAsync(string key, string path, JsonNode body, CancellationToken cancellationToken)
    {
        if (pacer is null)
        {
            return await api.PostAsync(path, body, cancellationToken).ConfigureAwait(false);
        }

        using (await pacer.WaitTurnAsync(settings.WebUrl ?? string.Empty, key, cancellationToken).ConfigureAwait(false))
        {
            return await api.PostAsync(path, body, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IntegrationResult> ApplyAsync(JiraMention mention, CancellationToken cancellationToken)
    {
        var key = mention.Key;
        var closes = mention.Closes && settings.TransitionMode != JiraTransitionMode.Off;
        var alreadyResolved = false;
        if (closes)
        {
            var issue = await api.GetAsync(api.Rest($"issue/{key}?fields=resolution,status"), cancellationToken).ConfigureAwait(false);
            if (issue.Status == 404)
            {
                return IntegrationResult.Success($"{key}: not found or not visible, skipped.");
            }

            if (!issue.Ok)
            {
                return issue.Result;
            }

            alreadyResolved = issue.Body?["fields"]?["resolution"] is JsonObject;
        }

        // The link's status follows the issue: a link to a closing commit of a resolved issue stays resolved on every delivery.
        var link = await UpsertLinkAsync(mention, resolved: alreadyResolved, cancellationToken).ConfigureAwait(false);
        if (link.Status == 404)
        {
            return IntegrationResult.Success($"{key}: not found or not visible, skipped.");
        }

        if (!link.Ok)
        {
            return link.Result;
        }

        var said = new List<string> { "linked" };
        if (settings.CommentOnMention)
        {
            var comment = await OnceAsync(key, $"jira-comment:{key}:{mention.EntityUrl}", api.Rest($"issue/{key}/comment"), MentionComment(mention), cancellationToken).ConfigureAwait(false);
            if (comment is { Succeeded: false })
            {
                return comment;
            }

            said.Add(comment is null ? "already commented" : "commented");
        }

        if (closes && alreadyResolved)
        {
            said.Add("already resolved");
        }
        else if (closes)
        {
            var (result, what) = await CloseAsync(mention, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return result;
            }

            said.Add(what);
        }

        return IntegrationResult.Success($"{key}: {string.Join(", ", said)}.");
    }

    private async Task<(IntegrationResult Result, string What)> CloseAsync(JiraMention mention, CancellationToken cancellationToken)
    {
        var key = mention.Key;
        var claim = $"jira-closed:{key}:{mention.EntityUrl}";
        if (!await context.State.TryAddAsync(claim, "claimed", cancellationToken).ConfigureAwait(false))
        {
            return (IntegrationResult.Success(), "already transitioned");
        }

        var ids = settings.TransitionMode == JiraTransitionMode.Custom ? settings.TransitionIdList().ToList() : [];
        if (settings.TransitionMode == JiraTransitionMode.Automatic)
        {
            var transitions = await api.GetAsync(api.Rest($"issue/{key}/transitions"), cancellationToken).ConfigureAwait(false);
            if (!transitions.Ok)
            {
                await context.State.RemoveAsync(claim, cancellationToken).ConfigureAwait(false);
                return (transitions.Result, string.Empty);
            }

            var done = (transitions.Body?["transitions"]?.AsArray() ?? [])
                .FirstOrDefault(t => t?["to"]?["statusCategory"]?["key"]?.GetValue<string>() == "done")?["id"]?.GetValue<string>();
            if (done is null)
            {
                return (IntegrationResult.Success(), "no transition into a done status is available");
            }

            ids.Add(done);
        }

        foreach (var id in ids)
        {
            var moved = await WriteAsync(key, api.Rest($"issue/{key}/transitions"), new JsonObject { ["transition"] = new JsonObject { ["id"] = id } }, cancellationToken).ConfigureAwait(false);
            if (!moved.Ok)
            {
                if (moved.Result.IsTransient)
                {
                    await context.State.RemoveAsync(claim, cancellationToken).ConfigureAwait(false);
                }

                return (moved.Result.WithMessage($"{key}: transition {id} failed, later ones were not tried. {moved.Result.Message}"), string.Empty);
            }
        }

        var solved = await OnceAsync(key, $"jira-solved:{key}:{mention.EntityUrl}", api.Rest($"issue/{key}/comment"),
            JiraComments.Body(api.Version, [new("Issue solved with "), new(mention.EntityTitle, mention.EntityUrl), new(".")], null), cancellationToken).ConfigureAwait(false);
        if (solved is { Succeeded: false })
        {
            return (solved, string.Empty);
        }

        var resolvedLink = await UpsertLinkAsync(mention, resolved: true, cancellationToken).ConfigureAwait(false);
        return resolvedLink.Ok ? (IntegrationResult.Success(), $"transitioned ({string.Join(", ", ids)})") : (resolvedLink.Result, string.Empty);
    }

    /// <summary>Posts once per claim; null when an earlier attempt (or another worker) already claimed it.</summary>
    private async Task<IntegrationResult?> OnceAsync(string key, string claim, string path, JsonNode body, CancellationToken cancellationToken)
    {
        if (!await context.State.TryAddAsync(claim, "claimed", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var answer = await WriteAsync(key, path, new JsonObject { ["body"] = body }, cancellationToken).ConfigureAwait(false);
        if (!answer.Ok)
        {
            await context.State.RemoveAsync(claim, cancellationToken).ConfigureAwait(false);
            return answer.Result;
        }

        await context.State.SetAsync(claim, "posted", cancellationToken).ConfigureAwait(false);
        return answer.Result;
    }

    private Task<JiraAnswer> UpsertLinkAsync(JiraMention mention, bool resolved, CancellationToken cancellationToken) =>
        WriteAsync(mention.Key, api.Rest($"issue/{mention.Key}/remotelink"), new JsonObject
        {
            ["globalId"] = JiraIntegration.GlobalIdFor(mention.EntityUrl),
            ["application"] = new JsonObject { ["type"] = "com.gitlab", ["name"] = "GitLab" },
            ["relationship"] = "mentioned on",
            ["object"] = new JsonObject
            {
                ["url"] = mention.EntityUrl,
                ["title"] = $"{Capitalize(mention.EntityTitle)}: {mention.Summary}".Length > 255 ? $"{Capitalize(mention.EntityTitle)}: {mention.Summary}"[..254] + "…" : $"{Capitalize(mention.EntityTitle)}: {mention.Summary}",
                ["summary"] = mention.ProjectName,
                ["icon"] = new JsonObject { ["title"] = "GitLab", ["url16x16"] = (context.InstanceUrl ?? "https://gitlab.com").TrimEnd('/') + "/favicon.ico" },
                ["status"] = new JsonObject { ["resolved"] = resolved },
            },
        }, cancellationToken);

    private JsonNode MentionComment(JiraMention mention)
    {
        var paragraph = new List<JiraComments.Run>
        {
            new(mention.UserName),
            new(" mentioned this issue in "),
            new($"a {mention.Kind} of {mention.ProjectName}", mention.EntityUrl),
        };
        if (mention.Branch is not null)
        {
            paragraph.Add(new($" on branch {mention.Branch}"));
        }

        paragraph.Add(new(":"));
        var quote = settings.CommentDetail == JiraCommentDetail.AllDetails ? mention.Details ?? mention.Summary : mention.Summary;
        return JiraComments.Body(api.Version, paragraph, quote);
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
