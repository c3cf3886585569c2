using System.Globalization;
using System.Text;
using Integrations.DeliveryLog;
using Integrations.Forms;
using Integrations.Persistence;
using Integrations.Providers.Webhook;
using Integrations.Registry;
using Integrations.Samples.Web.Api;
using Integrations.Samples.Web.Data;
using static Integrations.Samples.Web.Ui.Html;

namespace Integrations.Samples.Web.Ui;

/// <summary>
/// The webhooks pages of a project, group or the instance (system hooks): the list with each hook's health, add, edit
/// (URL variables and custom headers shown masked), recent deliveries with filters, resend, and the auto-disable banner.
/// </summary>
internal static class HookPages
{
    private const string Type = "webhook";

    public static void MapHookPages(this RouteGroupBuilder ui)
    {
        foreach (var prefix in new[] { "/projects/{id}", "/groups/{id}", "/admin" })
        {
            ui.MapGet(prefix + "/hooks", ListAsync);
            ui.MapGet(prefix + "/hooks/new", NewAsync);
            ui.MapPost(prefix + "/hooks/new", CreateAsync);
            ui.MapGet(prefix + "/hooks/{hookId:guid}", EditAsync);
            ui.MapPost(prefix + "/hooks/{hookId:guid}", UpdateAsync);
            ui.MapPost(prefix + "/hooks/{hookId:guid}/rotate", RotateAsync);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext http, ForgeDbContext db, IIntegrationStore store, IDeliveryLog log, IIntegrationCatalog catalog)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope)
        {
            return UiScope.NotFound(http);
        }

        var hooks = (await store.ListAsync(scope.Scope, http.RequestAborted)).Items.OfType<WebhookIntegration>().ToList();
        var health = hooks.Count == 0 ? new Dictionary<Guid, Health.IntegrationHealth>() : await log.GetHealthAsync(hooks.Select(h => h.Id), http.RequestAborted);
        var kind = scope.Scope.Kind == ScopeKind.Instance ? "System hooks" : "Webhooks";
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{scope.BasePath}/integrations\">Integrations of {E(scope.Name)}</a></p>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{kind} of {E(scope.Name)}</h1>")
            .Append("<p>Webhooks send a JSON request to a URL of yours when events happen, signed, retried and logged.</p>")
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{scope.BasePath}/hooks/new\">Add new webhook</a></p>");
        if (hooks.Count == 0)
        {
            return Page(kind, http.User().Name, html.Append("<p>No webhooks yet.</p>").ToString());
        }

        html.Append("<table><thead><tr><th scope=\"col\">Webhook</th><th scope=\"col\">Events</th><th scope=\"col\">Status</th><th scope=\"col\">Health</th></tr></thead><tbody>");
        var entry = catalog.Find(Type)!;
        foreach (var hook in hooks)
        {
            var summary = new IntegrationStatusSummary
            {
                Entry = entry, Scope = scope.Scope, Setup = hook.Active ? IntegrationSetup.Active : IntegrationSetup.Inactive, IntegrationId = hook.Id,
                DefinedAt = hook.Scope, Health = health.GetValueOrDefault(hook.Id),
            };
            var url = IntegrationForm.Build(hook).AllFields.Single(f => f.Name == "url").Value;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"{scope.BasePath}/hooks/{hook.Id}\">{E(string.IsNullOrEmpty(hook.Name) ? url : hook.Name)}</a><br><span class=\"help\">{E(url)}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(string.Join(", ", IntegrationEventNames.ToNames(hook.EnabledEvents)))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(summary.SetupText)}</td><td>{E(summary.HealthText)}{(summary.Banner is null ? string.Empty : " — " + E(summary.Banner))}</td></tr>");
        }

        return Page(kind, http.User().Name, html.Append("</tbody></table>").ToString());
    }

    private static async Task<IResult> NewAsync(HttpContext http, ForgeDbContext db, IIntegrationRegistry registry, IntegrationEditor editor)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope)
        {
            return UiScope.NotFound(http);
        }

        var hook = registry.Create(Type, scope.Scope);
        hook.Active = true;
        return await editor.ShowAsync(http, Target(scope, scope.BasePath + "/hooks/new"), hook, exists: false, notice: null);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ForgeDbContext db, IIntegrationRegistry registry, IntegrationEditor editor)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope)
        {
            return UiScope.NotFound(http);
        }

        return await editor.PostAsync(http, Target(scope, scope.BasePath + "/hooks/new"), _ => Task.FromResult<Integration?>(null), () => registry.Create(Type, scope.Scope));
    }

    private static async Task<IResult> EditAsync(Guid hookId, HttpContext http, ForgeDbContext db, IIntegrationStore store, IntegrationEditor editor, string? saved)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope || await FindAsync(store, scope, hookId, http.RequestAborted) is not { } hook)
        {
            return UiScope.NotFound(http);
        }

        return await editor.ShowAsync(http, Target(scope, $"{scope.BasePath}/hooks/{hookId}"), hook, exists: true, saved is null ? null : "Webhook saved.");
    }

    private static async Task<IResult> UpdateAsync(Guid hookId, HttpContext http, ForgeDbContext db, IIntegrationStore store, IntegrationEditor editor)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope || await FindAsync(store, scope, hookId, http.RequestAborted) is null)
        {
            return UiScope.NotFound(http);
        }

        return await editor.PostAsync(http, Target(scope, $"{scope.BasePath}/hooks/{hookId}"), ct => FindAsync(store, scope, hookId, ct), () => throw new InvalidOperationException("The hook exists."));
    }

    /// <summary>Rotates the signing secret and shows the new one once (the page is not a redirect target, so it is not kept in the address).</summary>
    private static async Task<IResult> RotateAsync(Guid hookId, HttpContext http, ForgeDbContext db, IIntegrationStore store, IntegrationEditor editor,
        Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, TimeProvider time)
    {
        if (await UiScope.ForUserAsync(http, db) is not { } scope || await FindAsync(store, scope, hookId, http.RequestAborted) is not WebhookIntegration hook)
        {
            return UiScope.NotFound(http);
        }

        await antiforgery.ValidateRequestAsync(http);
        var secret = hook.RotateSigningSecret(time.GetUtcNow());
        await store.SaveAsync(hook, http.RequestAborted);
        var overlap = hook.PreviousSigningSecretExpiresAt is { } until
            ? $" The previous secret keeps signing until {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC."
            : string.Empty;
        http.Response.Headers.CacheControl = "no-store";
        return await editor.ShowAsync(http, Target(scope, $"{scope.BasePath}/hooks/{hookId}"), hook, exists: true,
            $"New signing secret: {secret} — copy it now, it is never shown again.{overlap}");
    }

    private static async Task<Integration?> FindAsync(IIntegrationStore store, UiScope scope, Guid hookId, CancellationToken cancellationToken) =>
        await store.GetAsync(hookId, cancellationToken) is WebhookIntegration hook && hook.Scope == scope.Scope ? hook : null;

    private static IntegrationEditor.Target Target(UiScope scope, string self) =>
        new(scope, self, scope.BasePath + "/hooks", (scope.Scope.Kind == ScopeKind.Instance ? "System hooks of " : "Webhooks of ") + scope.Name, CanReset: true, AfterDelete: scope.BasePath + "/hooks");
}
