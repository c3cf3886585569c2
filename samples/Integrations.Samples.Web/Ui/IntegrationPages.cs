using System.Globalization;
using System.Text;
using Integrations.Forms;
using Integrations.Persistence;
using Integrations.Registry;
using Integrations.Samples.Web.Api;
using Integrations.Samples.Web.Data;
using static Integrations.Samples.Web.Ui.Html;

namespace Integrations.Samples.Web.Ui;

/// <summary>
/// The integrations pages of a project, group or the instance: the catalog with each type's status, and an edit page
/// generated from field metadata with "Test settings", Save, Reset, the disabled banner and recent deliveries.
/// </summary>
internal static class IntegrationPages
{
    public static void MapIntegrationPages(this RouteGroupBuilder ui)
    {
        foreach (var prefix in new[] { "/projects/{id}", "/groups/{id}", "/admin" })
        {
            ui.MapGet(prefix + "/integrations", CatalogAsync);
            ui.MapGet(prefix + "/integrations/{slug}", EditAsync);
            ui.MapPost(prefix + "/integrations/{slug}", PostAsync);
        }
    }

    private static async Task<IResult> CatalogAsync(HttpContext http, ForgeDbContext db, IntegrationOverview overview, string? q)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope)
        {
            return UiScope.NotFound(http);
        }

        var summaries = await overview.ListAsync(scope.Scope, q, http.RequestAborted);
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<h1>Integrations of {E(scope.Name)}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{scope.BasePath}/hooks\">Webhooks</a>{(scope.Scope.Kind == ScopeKind.Project ? $" · <a href=\"{scope.BasePath}/jira\">Jira issues</a>" : string.Empty)}</p>")
            .Append("<form method=\"get\" role=\"search\"><label for=\"q\">Search integrations</label> ")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"text\" id=\"q\" name=\"q\" value=\"{E(q)}\"> <button type=\"submit\">Search</button></form>")
            .Append("<table><caption class=\"skip\">Integrations</caption><thead><tr><th scope=\"col\">Integration</th><th scope=\"col\">Status</th><th scope=\"col\">Health</th><th scope=\"col\">Last delivery</th></tr></thead><tbody>");
        foreach (var summary in summaries)
        {
            var setup = summary.Setup switch
            {
                IntegrationSetup.NotConfigured => "Not configured",
                _ => (summary.Setup == IntegrationSetup.Active ? "Active" : "Inactive")
                    + (summary.IsInherited ? ", inherited from " + await UiScope.DescribeAsync(db, summary.DefinedAt!.Value, http.RequestAborted) : string.Empty),
            };
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"{scope.BasePath}/integrations/{Seg(summary.Type)}\">{E(summary.Entry.Title)}</a><br><span class=\"help\">{E(summary.Entry.Description)}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"{(summary.Setup == IntegrationSetup.Active ? "status-active" : "status-off")}\">{E(setup)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(summary.HealthText ?? "—")}</td><td>{E(summary.LastDeliveryAt is { } at ? at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—")}</td></tr>");
        }

        if (summaries.Count == 0)
        {
            html.Append("<tr><td colspan=\"4\">No integration matches.</td></tr>");
        }

        html.Append("</tbody></table>");
        return Page("Integrations", http.User().Name, html.ToString());
    }

    private static async Task<IResult> EditAsync(HttpContext http, ForgeDbContext db, string slug, IIntegrationStore store, IIntegrationRegistry registry,
        IntegrationEditor editor, IScopeHierarchyReader ancestors, string? saved, string? reset)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope || !registry.TryGet(slug, out var descriptor) || descriptor.AllowMultiplePerScope)
        {
            return UiScope.NotFound(http);
        }

        var own = await store.FindAsync(slug, scope.Scope, http.RequestAborted);
        var integration = own ?? registry.Create(slug, scope.Scope);
        if (own is null)
        {
            // A new row starts active (as GitLab's form does) and inheriting everything when an ancestor configures the type.
            integration.Active = true;
            integration.UseDefaultSettings = await ancestors.AncestorDefinesAsync(scope.Scope, slug, http.RequestAborted);
        }

        var notice = saved is not null ? "Settings saved." : reset is not null ? "Settings reset: the inherited settings apply." : null;
        return await editor.ShowAsync(http, Target(scope, slug), integration, own is not null, notice);
    }

    private static async Task<IResult> PostAsync(HttpContext http, ForgeDbContext db, string slug, IIntegrationStore store, IIntegrationRegistry registry, IntegrationEditor editor)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope || !registry.TryGet(slug, out var descriptor) || descriptor.AllowMultiplePerScope)
        {
            return UiScope.NotFound(http);
        }

        return await editor.PostAsync(http, Target(scope, slug),
            ct => store.FindAsync(slug, scope.Scope, ct), () => registry.Create(slug, scope.Scope));
    }

    private static IntegrationEditor.Target Target(UiScope scope, string slug) => new(scope, $"{scope.BasePath}/integrations/{Seg(slug)}",
        $"{scope.BasePath}/integrations", "Integrations of " + scope.Name, CanReset: scope.Scope.Kind != ScopeKind.Instance, AfterDelete: null);
}
