using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Inheritance;
using Integrations.Persistence;
using Integrations.Registry;
using Integrations.Samples.Web.Data;
using Integrations.Validation;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// GitLab's integrations API (<c>/projects/:id/integrations</c>, the <c>/services</c> alias, and the same for groups and
/// the instance): list the active ones, get, set up (<c>PUT</c>, always active, as GitLab) and disable one by its slug
/// (GitLab's kebab-case, <c>microsoft-teams</c>). Secrets are write-only. Webhooks have their own API.
/// </summary>
internal static class IntegrationsEndpoints
{
    private static readonly string[] GitLabFlags =
    [
        "commit_events", "push_events", "issues_events", "incident_events", "alert_events", "confidential_issues_events", "merge_requests_events",
        "tag_push_events", "deployment_events", "note_events", "confidential_note_events", "pipeline_events", "wiki_page_events", "job_events",
        "vulnerability_events",
    ];

    public static void MapIntegrations(this IEndpointRouteBuilder api, string prefix, HooksEndpoints.ScopeResolver resolve, bool admin)
    {
        foreach (var collection in new[] { "integrations", "services" })
        {
            var group = api.MapGroup($"{prefix}/{collection}").RequireToken(admin);
            group.MapGet("/", (HttpContext http, ForgeDbContext db, IIntegrationResolver resolver) => ListAsync(http, db, resolver, resolve));
            group.MapGet("/{slug}", (string slug, HttpContext http, ForgeDbContext db, IIntegrationResolver resolver, IIntegrationRegistry registry) =>
                GetAsync(slug, http, db, resolver, registry, resolve));
            group.MapPut("/{slug}", (string slug, HttpContext http, ForgeDbContext db, IIntegrationStore store, IIntegrationResolver resolver, IIntegrationRegistry registry) =>
                PutAsync(slug, http, db, store, resolver, registry, resolve));
            group.MapDelete("/{slug}", (string slug, HttpContext http, ForgeDbContext db, IIntegrationStore store, IIntegrationRegistry registry) =>
                DeleteAsync(slug, http, db, store, registry, resolve));
        }
    }

    /// <summary>The library slug for a GitLab API slug (<c>microsoft-teams</c> → <c>microsoft_teams</c>), when it names an integration (not a webhook).</summary>
    public static IntegrationTypeDescriptor? Find(IIntegrationRegistry registry, string slug) =>
        registry.TryGet(slug.Replace('-', '_'), out var descriptor) && !descriptor.AllowMultiplePerScope ? descriptor : null;

    public static string ApiSlug(string slug) => slug.Replace('_', '-');

    private static async Task<IResult> ListAsync(HttpContext http, ForgeDbContext db, IIntegrationResolver resolver, HooksEndpoints.ScopeResolver resolve)
    {
        if (await resolve(http, db) is not { } scope)
        {
            return ApiResults.NotFound("Project");
        }

        var items = new List<JsonNode>();
        foreach (var effective in await resolver.GetEffectiveAsync(scope.Scope, http.RequestAborted))
        {
            if (effective.IsActive && effective.Settings.Active && effective.Settings.Type != "webhook")
            {
                items.Add(await JsonAsync(effective, db, withProperties: false, http.RequestAborted));
            }
        }

        return ApiResults.Json(new JsonArray(items.ToArray()));
    }

    private static async Task<IResult> GetAsync(string slug, HttpContext http, ForgeDbContext db, IIntegrationResolver resolver, IIntegrationRegistry registry,
        HooksEndpoints.ScopeResolver resolve)
    {
        if (await resolve(http, db) is not { } scope)
        {
            return ApiResults.NotFound("Project");
        }

        if (Find(registry, slug) is not { } descriptor)
        {
            return ApiResults.Error(404, "404 Not Found");
        }

        return await resolver.GetEffectiveAsync(scope.Scope, descriptor.Slug, http.RequestAborted) is { } effective
            ? ApiResults.Json(await JsonAsync(effective, db, withProperties: true, http.RequestAborted))
            : ApiResults.NotFound("Integration");
    }

    private static async Task<IResult> PutAsync(string slug, HttpContext http, ForgeDbContext db, IIntegrationStore store, IIntegrationResolver resolver,
        IIntegrationRegistry registry, HooksEndpoints.ScopeResolver resolve)
    {
        if (await resolve(http, db) is not { } scope)
        {
            return ApiResults.NotFound("Project");
        }

        if (Find(registry, slug) is not { } descriptor)
        {
            return ApiResults.Error(404, "404 Not Found");
        }

        if ((descriptor.Levels & scope.Scope.Level) == 0)
        {
            return ApiResults.Message(422, $"The {descriptor.Title} integration cannot be set up at this level.");
        }

        var (parameters, error) = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
        if (parameters is null)
        {
            return error!;
        }

        var integration = await store.FindAsync(descriptor.Slug, scope.Scope, http.RequestAborted) ?? registry.Create(descriptor.Slug, scope.Scope);
        if (VersionConflict(integration, parameters) is { } conflict)
        {
            return conflict;
        }

        try
        {
            integration.ApplyFormValues(IntegrationParameters.ToFormValues(integration, parameters));
            integration.Active = true; // GitLab's PUT always activates
            await store.SaveAsync(integration, http.RequestAborted);
        }
        catch (IntegrationValidationException refused)
        {
            return ApiResults.Invalid(refused);
        }
        catch (IntegrationConcurrencyException ex)
        {
            return ApiResults.Message(409, ex.Message);
        }

        var effective = await resolver.GetEffectiveAsync(scope.Scope, descriptor.Slug, http.RequestAborted);
        return ApiResults.Json(await JsonAsync(effective!, db, withProperties: true, http.RequestAborted));
    }

    private static async Task<IResult> DeleteAsync(string slug, HttpContext http, ForgeDbContext db, IIntegrationStore store, IIntegrationRegistry registry,
        HooksEndpoints.ScopeResolver resolve)
    {
        if (await resolve(http, db) is not { } scope)
        {
            return ApiResults.NotFound("Project");
        }

        if (Find(registry, slug) is not { } descriptor)
        {
            return ApiResults.Error(404, "404 Not Found");
        }

        if (await store.FindAsync(descriptor.Slug, scope.Scope, http.RequestAborted) is { } integration)
        {
            await store.DeleteAsync(integration, http.RequestAborted);
        }

        return Results.NoContent();
    }

    /// <summary>
    /// The optional <c>version</c> parameter (an extension for forms that edit what they showed): a 409 when the
    /// integration changed since that version was read, instead of silently overwriting the other edit.
    /// </summary>
    public static IResult? VersionConflict(Integration integration, ApiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Integer("version") is { } expected && expected != integration.Version
            ? ApiResults.Message(409, $"409 Conflict: the settings changed since version {expected.ToString(CultureInfo.InvariantCulture)} (now {integration.Version.ToString(CultureInfo.InvariantCulture)}); read them again and reapply your change.")
            : null;
    }

    private static async Task<JsonObject> JsonAsync(EffectiveIntegration effective, ForgeDbContext db, bool withProperties, CancellationToken cancellationToken)
    {
        var settings = effective.Settings;
        var json = new JsonObject
        {
            ["id"] = await Numbers.OfIntegrationAsync(db, settings.Id, cancellationToken),
            ["title"] = settings.Title,
            ["slug"] = ApiSlug(settings.Type),
            ["created_at"] = settings.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["updated_at"] = settings.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["active"] = settings.Active,
        };
        foreach (var flag in GitLabFlags)
        {
            json[flag] = IntegrationEventNames.TryParse(flag, out var kind) && (settings.EnabledEvents & kind) != 0;
        }

        foreach (var single in IntegrationEventNames.Split(settings.SupportedEvents))
        {
            json[IntegrationEventNames.GetFlagName(single)] = (settings.EnabledEvents & single) != 0;
        }

        json["comment_on_event_enabled"] = false;
        json["inherited"] = effective.IsInherited;
        json["version"] = settings.Version;
        if (withProperties)
        {
            var properties = new JsonObject();
            foreach (var field in settings.Fields.Where(f => !f.IsSecretValue))
            {
                var raw = settings.GetRawValue(field.Name);
                properties[field.Name] = raw is JsonValue value && value.TryGetValue<string>(out var text) ? SecretMask.Url(text) : raw;
            }

            json["properties"] = properties;
            json["inherited_fields"] = new JsonArray(settings.InheritedFields.Select(f => (JsonNode?)f).ToArray());
        }

        return json;
    }
}
