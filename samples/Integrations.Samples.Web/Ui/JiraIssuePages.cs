using System.Globalization;
using System.Text;
using Integrations.Inheritance;
using Integrations.Providers.Jira;
using Integrations.Samples.Web.Api;
using Integrations.Samples.Web.Data;
using static Integrations.Samples.Web.Ui.Html;

namespace Integrations.Samples.Web.Ui;

/// <summary>
/// A project's Jira issues inside the forge (GitLab's "Jira issues" list): search, pages, and one issue with its status,
/// assignee, description and comments, read through the library's <see cref="JiraIssueSearch"/> with the project's
/// effective Jira settings. The Jira project is the first of the settings' project keys.
/// </summary>
internal static class JiraIssuePages
{
    public static void MapJiraIssuePages(this RouteGroupBuilder ui)
    {
        ui.MapGet("/projects/{id}/jira", ListAsync);
        ui.MapGet("/projects/{id}/jira/{key}", ShowAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ForgeDbContext db, IIntegrationResolver resolver, JiraIssueSearch search, string? q, string? page)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope)
        {
            return UiScope.NotFound(http);
        }

        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<p><a href=\"{scope.BasePath}/integrations\">Integrations of {E(scope.Name)}</a></p><h1>Jira issues</h1>");
        if (await SettingsAsync(resolver, scope, http.RequestAborted) is not { } settings)
        {
            return Page("Jira issues", http.User().Name, html.Append(NotSetUp(scope)).ToString());
        }

        var projectKey = settings.ProjectKeys![0];
        html.Append(CultureInfo.InvariantCulture, $"<p>Project {E(projectKey)} on <a href=\"{E(settings.WebUrl)}\">{E(settings.WebUrl)}</a></p>")
            .Append("<form method=\"get\" role=\"search\" class=\"filters\"><label for=\"q\">Search issues</label> ")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"text\" id=\"q\" name=\"q\" value=\"{E(q)}\"> <button type=\"submit\">Search</button></form>");
        try
        {
            var issues = await search.SearchAsync(settings, projectKey, q, page, 20, http.RequestAborted);
            if (issues.Issues.Count == 0)
            {
                return Page("Jira issues", http.User().Name, html.Append("<p>No issue matches.</p>").ToString());
            }

            html.Append("<table><thead><tr><th scope=\"col\">Issue</th><th scope=\"col\">Summary</th><th scope=\"col\">Status</th><th scope=\"col\">Assignee</th></tr></thead><tbody>");
            foreach (var issue in issues.Issues)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"jira-issue\"><td><a href=\"{scope.BasePath}/jira/{Seg(issue.Key)}\">{E(issue.Key)}</a></td><td>{E(issue.Summary)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{E(issue.Status)}</td><td>{E(issue.Assignee ?? "Unassigned")}</td></tr>");
            }

            html.Append("</tbody></table>");
            if (issues.NextPageToken is { } next)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{scope.BasePath}/jira?q={Uri.EscapeDataString(q ?? string.Empty)}&amp;page={Uri.EscapeDataString(next)}\">Next page</a></p>");
            }
        }
        catch (JiraException ex)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"banner\" role=\"alert\"><h2>Jira could not be read</h2><p>{E(ex.Message)}</p></div>");
        }

        return Page("Jira issues", http.User().Name, html.ToString());
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ForgeDbContext db, IIntegrationResolver resolver, JiraIssueSearch search, string key)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope)
        {
            return UiScope.NotFound(http);
        }

        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<p><a href=\"{scope.BasePath}/jira\">Jira issues</a></p>");
        if (await SettingsAsync(resolver, scope, http.RequestAborted) is not { } settings)
        {
            return Page("Jira issue", http.User().Name, html.Append(NotSetUp(scope)).ToString());
        }

        try
        {
            if (await search.GetIssueAsync(settings, key, http.RequestAborted) is not { } issue)
            {
                return Page("Jira issue", http.User().Name, html.Append(CultureInfo.InvariantCulture, $"<h1>{E(key)}</h1><p>Jira has no such issue, or hides it from this account.</p>").ToString(), 404);
            }

            html.Append(CultureInfo.InvariantCulture, $"<h1>{E(issue.Issue.Key)}: {E(issue.Issue.Summary)}</h1>")
                .Append(CultureInfo.InvariantCulture, $"<dl><dt>Status</dt><dd>{E(issue.Issue.Status)}</dd><dt>Assignee</dt><dd>{E(issue.Issue.Assignee ?? "Unassigned")}</dd></dl>")
                .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(issue.Issue.Url.ToString())}\">Open in Jira</a></p>")
                .Append("<h2>Description</h2>").Append(CultureInfo.InvariantCulture, $"<pre>{E(issue.Description ?? "No description.")}</pre>")
                .Append(CultureInfo.InvariantCulture, $"<h2>Comments ({issue.Comments.Count})</h2>");
            foreach (var comment in issue.Comments)
            {
                html.Append(CultureInfo.InvariantCulture, $"<article class=\"comment\"><h3>{E(comment.Author ?? "Someone")}{(comment.Created is { } at ? ", " + E(at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)) : string.Empty)}</h3><pre>{E(comment.Body)}</pre></article>");
            }
        }
        catch (JiraException ex)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h1>{E(key)}</h1><div class=\"banner\" role=\"alert\"><h2>Jira could not be read</h2><p>{E(ex.Message)}</p></div>");
        }

        return Page(key, http.User().Name, html.ToString());
    }

    /// <summary>The project's effective Jira settings when active and naming a Jira project; else null.</summary>
    private static async Task<JiraIntegration?> SettingsAsync(IIntegrationResolver resolver, UiScope scope, CancellationToken cancellationToken) =>
        scope.Scope.Kind == ScopeKind.Project
        && await resolver.GetEffectiveAsync(scope.Scope, "jira", cancellationToken) is { IsActive: true, Settings: JiraIntegration { ProjectKeys.Count: > 0 } jira }
            ? jira
            : null;

    private static string NotSetUp(UiScope scope) =>
        $"<p>Jira is not set up for this project, or its settings name no Jira project key. <a href=\"{scope.BasePath}/integrations/jira\">Set up Jira</a>.</p>";
}
