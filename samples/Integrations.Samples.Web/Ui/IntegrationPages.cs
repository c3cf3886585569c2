using System.Globalization;
using System.Text;
using Integrations.DeliveryLog;
using Integrations.Forms;
using Integrations.Inheritance;
using Integrations.Persistence;
using Integrations.Registry;
using Integrations.Samples.Web.Api;
using Integrations.Samples.Web.Data;
using Integrations.TestSettings;
using Integrations.Validation;
using Microsoft.AspNetCore.Antiforgery;
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
        if (await ScopeAsync(http, db) is not { } scope)
        {
            return NotFound(http);
        }

        var summaries = await overview.ListAsync(scope.Scope, q, http.RequestAborted);
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<h1>Integrations of {E(scope.Name)}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{scope.BasePath}/hooks\">Webhooks</a></p>")
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
        IIntegrationResolver resolver, IntegrationOverview overview, IDeliveryLog log, IScopeHierarchyReader ancestors, string? saved, string? reset)
    {
        if (await ScopeAsync(http, db) is not { } scope || !registry.TryGet(slug, out var descriptor) || descriptor.AllowMultiplePerScope)
        {
            return NotFound(http);
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
        return await RenderAsync(http, db, scope, integration, own is not null, resolver, overview, log, ancestors, null, notice, null, 200);
    }

    private static async Task<IResult> PostAsync(HttpContext http, ForgeDbContext db, string slug, IIntegrationStore store, IIntegrationRegistry registry,
        IIntegrationResolver resolver, IntegrationOverview overview, IDeliveryLog log, IIntegrationTester tester, IScopeHierarchyReader ancestors, IAntiforgery antiforgery)
    {
        if (await ScopeAsync(http, db) is not { } scope || !registry.TryGet(slug, out var descriptor) || descriptor.AllowMultiplePerScope)
        {
            return NotFound(http);
        }

        await antiforgery.ValidateRequestAsync(http);
        var posted = await http.Request.ReadFormAsync(http.RequestAborted);
        var action = posted["action"].ToString();
        var own = await store.FindAsync(slug, scope.Scope, http.RequestAborted);
        var self = $"{scope.BasePath}/integrations/{Seg(slug)}";
        if (action == "reset")
        {
            if (own is not null)
            {
                await store.DeleteAsync(own, http.RequestAborted);
            }

            return Results.Redirect(self + "?reset=1", permanent: false, preserveMethod: false);
        }

        var integration = own ?? registry.Create(slug, scope.Scope);
        var values = FormValues(posted);
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null;
        if (int.TryParse(posted["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version != integration.Version)
        {
            errors = new Dictionary<string, IReadOnlyList<string>> { [string.Empty] = ["Someone else saved these settings meanwhile: they are shown below; make your change again."] };
            return await RenderAsync(http, db, scope, integration, own is not null, resolver, overview, log, ancestors, errors, null, null, 409);
        }

        try
        {
            integration.ApplyFormValues(values);
            if (action == "test")
            {
                var result = await tester.TestAsync(integration, projectId: scope.ProjectId, cancellationToken: http.RequestAborted);
                return await RenderAsync(http, db, scope, integration, own is not null, resolver, overview, log, ancestors, null, null, result, 200,
                    await SavedAsync(store, registry, slug, scope, http.RequestAborted));
            }

            await store.SaveAsync(integration, http.RequestAborted);
            return Results.Redirect(self + "?saved=1", permanent: false, preserveMethod: false);
        }
        catch (IntegrationValidationException refused)
        {
            errors = refused.Errors;
        }
        catch (IntegrationConcurrencyException ex)
        {
            errors = new Dictionary<string, IReadOnlyList<string>> { [string.Empty] = [ex.Message] };
        }

        return await RenderAsync(http, db, scope, integration, own is not null, resolver, overview, log, ancestors, errors, null, null, 422,
            await SavedAsync(store, registry, slug, scope, http.RequestAborted));
    }

    /// <summary>The settings as saved (a fresh read: the page's copy holds the refused edits), or an empty one.</summary>
    private static async Task<Integration> SavedAsync(IIntegrationStore store, IIntegrationRegistry registry, string slug, UiScope scope, CancellationToken cancellationToken) =>
        await store.FindAsync(slug, scope.Scope, cancellationToken) ?? registry.Create(slug, scope.Scope);

    /// <summary>The posted form as the library binds it: the last value of each key (a checked box follows its hidden "false"), inherited fields without a value.</summary>
    private static Dictionary<string, string?> FormValues(IFormCollection posted)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in posted)
        {
            if (key is "action" or "version" || key.StartsWith("__", StringComparison.Ordinal))
            {
                continue;
            }

            values[key] = value.Count > 1 ? value[value.Count - 1] : value.ToString();
        }

        foreach (var key in values.Keys.Where(k => k.StartsWith("inherit_", StringComparison.Ordinal) && values[k] == "true").ToList())
        {
            values.Remove(key["inherit_".Length..]);
        }

        if (values.GetValueOrDefault("use_default_settings") == "true")
        {
            // "Use default settings" takes the ancestor's settings as a whole: the custom fields on the page do not apply.
            foreach (var key in values.Keys.Where(k => k is not ("active" or "use_default_settings") && !k.EndsWith("_events", StringComparison.Ordinal)).ToList())
            {
                values.Remove(key);
            }
        }

        return values;
    }

    private static async Task<IResult> RenderAsync(HttpContext http, ForgeDbContext db, UiScope scope, Integration integration, bool hasOwnRow,
        IIntegrationResolver resolver, IntegrationOverview overview, IDeliveryLog log, IScopeHierarchyReader ancestors,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors, string? notice, IntegrationTestResult? tested, int status, Integration? saved = null)
    {
        var preview = await resolver.PreviewAsync(integration, http.RequestAborted);
        var form = IntegrationForm.Build(integration, preview, errors, saved);
        var names = new Dictionary<IntegrationScope, string>();
        foreach (var field in form.AllFields.Where(f => f.InheritedFrom is not null))
        {
            names[field.InheritedFrom!.Value] = await UiScope.DescribeAsync(db, field.InheritedFrom.Value, http.RequestAborted);
        }

        var summary = await overview.GetAsync(scope.Scope, integration.Type, http.RequestAborted);
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{scope.BasePath}/integrations\">Integrations of {E(scope.Name)}</a></p>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{E(form.Title)}</h1>");
        if (form.Description is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(form.Description)}</p>");
        }

        if (form.Help is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"help\">{E(form.Help)}</p>");
        }

        if (summary?.Banner is { } banner)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"banner\" role=\"alert\"><h2>{E(summary.HealthText)}</h2><p>{E(banner)}</p></div>");
        }
        else if (summary?.IsInherited == true)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"inherited\">The settings that apply here come from {E(await UiScope.DescribeAsync(db, summary.DefinedAt!.Value, http.RequestAborted))}.</p>");
        }

        if (notice is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"notice\" role=\"status\">{E(notice)}</div>");
        }

        if (tested is not null)
        {
            var result = tested.Result;
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"{(result.Succeeded ? "notice" : "banner")}\" role=\"status\" id=\"test-result\"><h2>Test {(result.Succeeded ? "succeeded" : "failed")}</h2><p>{E(result.Message ?? (result.Succeeded ? "The settings work." : "The test failed."))}</p></div>");
        }

        var ancestorDefines = await ancestors.AncestorDefinesAsync(scope.Scope, integration.Type, http.RequestAborted);
        html.Append(FormRenderer.Render(http, form, s => names.GetValueOrDefault(s) ?? s.ToString(), ancestorDefines, hasOwnRow && scope.Scope.Kind != ScopeKind.Instance));
        if (hasOwnRow)
        {
            html.Append(await DeliveryPages.RecentAsync(http, log, integration.Id, scope));
        }

        return Page(form.Title, http.User().Name, html.ToString(), status);
    }

    private static async Task<UiScope?> ScopeAsync(HttpContext http, ForgeDbContext db) =>
        await UiScope.FromRouteAsync(http, db) is { } scope && (scope.Scope.Kind != ScopeKind.Instance || http.User().IsAdmin) ? scope : null;

    private static IResult NotFound(HttpContext http) => Page("Not found", http.User().Name, "<h1>Not found</h1><p>No such page, or you may not see it.</p>", 404);
}
