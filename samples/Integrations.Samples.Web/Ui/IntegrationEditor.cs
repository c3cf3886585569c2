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
/// The edit page of one integration or webhook, whatever lists it: the generated form, "Test settings" with the values
/// being edited, Save, Reset or Delete, the disabled banner and recent deliveries.
/// </summary>
internal sealed class IntegrationEditor(ForgeDbContext db, IIntegrationResolver resolver, IntegrationOverview overview, IIntegrationCatalog catalog, IDeliveryLog log,
    IIntegrationTester tester, IIntegrationStore store, IScopeHierarchyReader ancestors, IAntiforgery antiforgery)
{
    /// <summary>Where the page is: its scope, its own URL, the list it belongs to, and whether Reset (delete the own row) or Delete applies.</summary>
    /// <param name="AfterDelete">For webhooks: Delete removes the hook and returns here; null for integrations (Reset instead).</param>
    public sealed record Target(UiScope Scope, string Self, string Back, string BackText, bool CanReset, string? AfterDelete);

    public async Task<IResult> ShowAsync(HttpContext http, Target target, Integration integration, bool exists, string? notice) =>
        await RenderAsync(http, target, integration, exists, null, notice, null, 200, null);

    public async Task<IResult> PostAsync(HttpContext http, Target target, Func<CancellationToken, Task<Integration?>> loadOwn, Func<Integration> create)
    {
        await antiforgery.ValidateRequestAsync(http);
        var posted = await http.Request.ReadFormAsync(http.RequestAborted);
        var action = posted["action"].ToString();
        var own = await loadOwn(http.RequestAborted);
        if (action is "reset" or "delete")
        {
            if (own is not null)
            {
                await store.DeleteAsync(own, http.RequestAborted);
            }

            return Results.Redirect(target.AfterDelete ?? target.Self + "?reset=1");
        }

        var integration = own ?? create();
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors;
        if (int.TryParse(posted["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version != integration.Version)
        {
            errors = new Dictionary<string, IReadOnlyList<string>> { [string.Empty] = ["Someone else saved these settings meanwhile: they are shown below; make your change again."] };
            return await RenderAsync(http, target, integration, own is not null, errors, null, null, 409, null);
        }

        try
        {
            integration.ApplyFormValues(FormValues(posted));
            if (action == "test")
            {
                IntegrationEvents? sample = IntegrationEventNames.TryParse(posted["test_event"], out var chosen) ? chosen : null;
                var result = await tester.TestAsync(integration, sample, target.Scope.ProjectId, http.RequestAborted);
                return await RenderAsync(http, target, integration, own is not null, null, null, result, 200, await loadOwn(http.RequestAborted) ?? create());
            }

            await store.SaveAsync(integration, http.RequestAborted);
            return Results.Redirect((own is null && target.AfterDelete is not null ? target.Back + "/" + integration.Id : target.Self) + "?saved=1");
        }
        catch (IntegrationValidationException refused)
        {
            errors = refused.Errors;
        }
        catch (IntegrationConcurrencyException ex)
        {
            errors = new Dictionary<string, IReadOnlyList<string>> { [string.Empty] = [ex.Message] };
        }

        return await RenderAsync(http, target, integration, own is not null, errors, null, null, 422, await loadOwn(http.RequestAborted) ?? create());
    }

    /// <summary>The posted form as the library binds it: the last value of each key (a checked box follows its hidden "false"), inherited fields without a value.</summary>
    private static Dictionary<string, string?> FormValues(IFormCollection posted)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in posted)
        {
            if (key is "action" or "version" or "test_event" || key.StartsWith("__", StringComparison.Ordinal))
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

    private async Task<IResult> RenderAsync(HttpContext http, Target target, Integration integration, bool exists,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors, string? notice, IntegrationTestResult? tested, int status, Integration? saved)
    {
        var scope = target.Scope;
        var preview = await resolver.PreviewAsync(integration, http.RequestAborted);
        var form = IntegrationForm.Build(integration, preview, errors, saved);
        var names = new Dictionary<IntegrationScope, string>();
        foreach (var field in form.AllFields.Where(f => f.InheritedFrom is not null))
        {
            names[field.InheritedFrom!.Value] = await UiScope.DescribeAsync(db, field.InheritedFrom.Value, http.RequestAborted);
        }

        var summary = await SummaryAsync(integration, scope, exists, http.RequestAborted);
        var title = target.AfterDelete is null ? form.Title : "Webhook" + (integration is Integrations.Providers.Webhook.WebhookIntegration { Name: { Length: > 0 } name } ? " " + name : string.Empty);
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(target.Back)}\">{E(target.BackText)}</a></p>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>");
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
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"banner\" role=\"alert\" id=\"disabled\"><h2>{E(summary.HealthText)}</h2><p>{E(banner)}</p></div>");
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
            var outcome = result.Succeeded ? "succeeded" : result.IsSkipped ? "sent nothing" : "failed";
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"{(result.Succeeded || result.IsSkipped ? "notice" : "banner")}\" role=\"status\" id=\"test-result\"><h2>Test {outcome}</h2><p>{E(result.Message ?? (result.Succeeded ? "The settings work." : "The test failed."))}</p></div>");
        }

        var ancestorDefines = target.AfterDelete is null && await ancestors.AncestorDefinesAsync(scope.Scope, integration.Type, http.RequestAborted);
        html.Append(FormRenderer.Render(http, form, s => names.GetValueOrDefault(s) ?? s.ToString(), ancestorDefines,
            exists && target.CanReset, target.AfterDelete is null ? "Reset" : "Delete webhook", target.AfterDelete is null ? "reset" : "delete",
            chooseTestEvent: target.AfterDelete is not null));
        if (exists && integration is Integrations.Providers.Webhook.WebhookIntegration)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section aria-labelledby=\"signing\"><h2 id=\"signing\">Signing secret</h2><p>Rotating makes a new secret, shown once; the current one keeps signing beside it for the overlap.</p><form method=\"post\" action=\"{E(target.Self)}/rotate\">{Antiforgery(http)}<button type=\"submit\" class=\"secondary\">Rotate signing secret</button></form></section>");
        }
        if (exists)
        {
            html.Append(await DeliveryPages.RecentAsync(http, log, integration.Id, scope));
        }

        return Page(title, http.User().Name, html.ToString(), status);
    }

    /// <summary>The status summary: the catalog's for integrations, built from the hook's own health for webhooks.</summary>
    private async Task<IntegrationStatusSummary?> SummaryAsync(Integration integration, UiScope scope, bool exists, CancellationToken cancellationToken)
    {
        var entry = catalog.Find(integration.Type);
        if (entry is null || !entry.AllowMultiplePerScope)
        {
            return await overview.GetAsync(scope.Scope, integration.Type, cancellationToken);
        }

        return !exists ? null : new IntegrationStatusSummary
        {
            Entry = entry,
            Scope = scope.Scope,
            Setup = integration.Active ? IntegrationSetup.Active : IntegrationSetup.Inactive,
            IntegrationId = integration.Id,
            DefinedAt = integration.Scope,
            Health = await log.GetHealthAsync(integration.Id, cancellationToken),
        };
    }
}
