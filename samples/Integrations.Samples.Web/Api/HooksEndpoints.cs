using System.Text.Json.Nodes;
using Integrations.DeliveryLog;
using Integrations.Persistence;
using Integrations.Providers.Webhook;
using Integrations.Samples.Web.Data;
using Integrations.TestSettings;
using Integrations.Validation;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// GitLab's hooks API for one kind of scope (project hooks, group hooks, system hooks), on the library's webhook
/// provider: list, get, add, edit, delete, test, recent events, resend, custom headers and URL variables.
/// </summary>
internal static class HooksEndpoints
{
    public delegate Task<HookScope?> ScopeResolver(HttpContext context, ForgeDbContext db);

    public static void MapHooks(this IEndpointRouteBuilder api, string prefix, ScopeResolver resolve, bool admin)
    {
        var hooks = api.MapGroup(prefix + "/hooks").RequireToken(admin);
        var scopeNotFound = prefix.StartsWith("/projects", StringComparison.Ordinal) ? "Project" : "Group";

        hooks.MapGet("/", async (HttpContext http, ForgeDbContext db, IIntegrationStore store, IDeliveryLog log) =>
        {
            if (await resolve(http, db) is not { } scope)
            {
                return ApiResults.NotFound(scopeNotFound);
            }

            var list = await store.ListAsync(scope.Scope, http.RequestAborted);
            var items = new List<JsonNode>();
            foreach (var hook in list.Items.OfType<WebhookIntegration>().OrderBy(h => h.CreatedAt))
            {
                items.Add(await JsonOfAsync(hook, scope, db, log, http.RequestAborted));
            }

            return Paging.Page(http, items);
        });

        hooks.MapGet("/{hookId:long}", async (long hookId, HttpContext http, ForgeDbContext db, IIntegrationStore store, IDeliveryLog log) =>
            await WithHookAsync(http, db, store, resolve, hookId, scopeNotFound, async (hook, scope) =>
                ApiResults.Json(await JsonOfAsync(hook, scope, db, log, http.RequestAborted))));

        hooks.MapPost("/", async (HttpContext http, ForgeDbContext db, IIntegrationStore store, IDeliveryLog log) =>
        {
            if (await resolve(http, db) is not { } scope)
            {
                return ApiResults.NotFound(scopeNotFound);
            }

            var (parameters, error) = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
            if (parameters is null)
            {
                return error!;
            }

            if (string.IsNullOrWhiteSpace(parameters.Text("url")))
            {
                return ApiResults.Missing("url");
            }

            var hook = new WebhookIntegration { Scope = scope.Scope, Active = true };
            return await SaveAsync(hook, parameters, scope, 201, http, db, store, log);
        });

        hooks.MapPut("/{hookId:long}", async (long hookId, HttpContext http, ForgeDbContext db, IIntegrationStore store, IDeliveryLog log) =>
            await WithHookAsync(http, db, store, resolve, hookId, scopeNotFound, async (hook, scope) =>
            {
                var (parameters, error) = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
                if (parameters is null)
                {
                    return error!;
                }

                if (string.IsNullOrWhiteSpace(parameters.Text("url")))
                {
                    return ApiResults.Missing("url");
                }

                return IntegrationsEndpoints.VersionConflict(hook, parameters) ?? await SaveAsync(hook, parameters, scope, 200, http, db, store, log);
            }));

        hooks.MapDelete("/{hookId:long}", async (long hookId, HttpContext http, ForgeDbContext db, IIntegrationStore store, IDeliveryLog log) =>
            await WithHookAsync(http, db, store, resolve, hookId, scopeNotFound, async (hook, scope) =>
            {
                var json = await JsonOfAsync(hook, scope, db, log, http.RequestAborted);
                await store.DeleteAsync(hook, http.RequestAborted);
                return ApiResults.Json(json);
            }));

        hooks.MapPost("/{hookId:long}/test/{trigger}", async (long hookId, string trigger, HttpContext http, ForgeDbContext db, IIntegrationStore store, IIntegrationTester tester) =>
            await WithHookAsync(http, db, store, resolve, hookId, scopeNotFound, async (hook, scope) =>
            {
                if (!IntegrationEventNames.TryParse(trigger, out var kind) || !trigger.EndsWith("_events", StringComparison.Ordinal))
                {
                    return ApiResults.Error(400, "trigger does not have a valid value");
                }

                var result = await tester.TestAsync(hook, kind, scope.Scope.Kind == ScopeKind.Project ? scope.Scope.Id : null, http.RequestAborted);
                return result.Result.Succeeded
                    ? ApiResults.Message(201, "201 Created")
                    : ApiResults.Message(422, result.Result.Message ?? "The test failed.");
            }));

        hooks.MapGet("/{hookId:long}/events", async (long hookId, HttpContext http, ForgeDbContext db, IIntegrationStore store, IDeliveryLog log) =>
            await WithHookAsync(http, db, store, resolve, hookId, scopeNotFound, async (hook, _) =>
            {
                var status = http.Request.Query["status"].ToString();
                var page = await log.QueryAsync(new DeliveryQuery { IntegrationId = hook.Id, PageSize = 500 }, http.RequestAborted);
                var items = new List<JsonNode>();
                foreach (var delivery in page.Items.Where(d => MatchesStatus(d.LastStatusCode, status)))
                {
                    var attempts = await log.GetAttemptsAsync(delivery.Id, http.RequestAborted);
                    var number = await Numbers.OfDeliveryAsync(db, delivery.Id, hook.Id, http.RequestAborted);
                    items.Add(HookJson.Event(number, delivery, attempts.Count == 0 ? null : attempts[^1]));
                }

                return Paging.Page(http, items);
            }));

        hooks.MapPost("/{hookId:long}/events/{eventId:long}/resend", async (long hookId, long eventId, HttpContext http, ForgeDbContext db, IIntegrationStore store, IDeliveryLog log) =>
            await WithHookAsync(http, db, store, resolve, hookId, scopeNotFound, async (hook, _) =>
            {
                if (await Numbers.DeliveryOfAsync(db, eventId, http.RequestAborted) is not { } number || number.IntegrationId != hook.Id
                    || await log.GetAsync(number.DeliveryId, http.RequestAborted) is null)
                {
                    return ApiResults.NotFound("Hook event");
                }

                var logged = (await log.GetAttemptsAsync(number.DeliveryId, http.RequestAborted)).Count;

                if (!await log.ResendAsync(number.DeliveryId, http.RequestAborted))
                {
                    return ApiResults.Message(422, "The event cannot be resent now.");
                }

                // GitLab resends synchronously and answers with the receiver's status; the library queues the resend,
                // so wait (briefly) for its attempt to be recorded.
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (DateTime.UtcNow < deadline)
                {
                    var attempts = await log.GetAttemptsAsync(number.DeliveryId, http.RequestAborted);
                    if (attempts.Count > logged)
                    {
                        return ApiResults.Json(new JsonObject { ["response_status"] = attempts[^1].ResponseStatus }, 201);
                    }

                    await Task.Delay(50, http.RequestAborted);
                }

                return ApiResults.Message(202, "202 Accepted");
            }));

        MapNamedValues(hooks, "custom_headers", h => h.CustomHeaders, (h, v) => h.CustomHeaders = v, resolve, scopeNotFound);
        MapNamedValues(hooks, "url_variables", h => h.UrlVariables, (h, v) => h.UrlVariables = v, resolve, scopeNotFound);

        hooks.MapPost("/{hookId:long}/signing_token/rotate", async (long hookId, HttpContext http, ForgeDbContext db, IIntegrationStore store, TimeProvider time) =>
            await WithHookAsync(http, db, store, resolve, hookId, scopeNotFound, async (hook, _) =>
            {
                var secret = hook.RotateSigningSecret(time.GetUtcNow());
                await store.SaveAsync(hook, http.RequestAborted);
                return ApiResults.Json(new JsonObject { ["signing_token"] = secret, ["previous_expires_at"] = hook.PreviousSigningSecretExpiresAt?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }, 201);
            }));
    }

    private static void MapNamedValues(RouteGroupBuilder hooks, string route, Func<WebhookIntegration, IReadOnlyDictionary<string, string>?> get,
        Action<WebhookIntegration, IReadOnlyDictionary<string, string>?> set, ScopeResolver resolve, string scopeNotFound)
    {
        hooks.MapPut($"/{{hookId:long}}/{route}/{{key}}", async (long hookId, string key, HttpContext http, ForgeDbContext db, IIntegrationStore store) =>
            await WithHookAsync(http, db, store, resolve, hookId, scopeNotFound, async (hook, _) =>
            {
                var (parameters, error) = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
                if (parameters is null)
                {
                    return error!;
                }

                if (string.IsNullOrEmpty(parameters.Text("value")))
                {
                    return ApiResults.Missing("value");
                }

                var values = new Dictionary<string, string>(get(hook) ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [key] = parameters.Text("value")! };
                set(hook, values);
                return await SaveQuietlyAsync(hook, store, http);
            }));

        hooks.MapDelete($"/{{hookId:long}}/{route}/{{key}}", async (long hookId, string key, HttpContext http, ForgeDbContext db, IIntegrationStore store) =>
            await WithHookAsync(http, db, store, resolve, hookId, scopeNotFound, async (hook, _) =>
            {
                var values = new Dictionary<string, string>(get(hook) ?? new Dictionary<string, string>(), StringComparer.Ordinal);
                if (!values.Remove(key))
                {
                    return ApiResults.NotFound(route == "custom_headers" ? "Custom header" : "URL variable");
                }

                set(hook, values.Count == 0 ? null : values);
                return await SaveQuietlyAsync(hook, store, http);
            }));
    }

    private static async Task<IResult> SaveQuietlyAsync(WebhookIntegration hook, IIntegrationStore store, HttpContext http)
    {
        try
        {
            await store.SaveAsync(hook, http.RequestAborted);
            return Results.NoContent();
        }
        catch (IntegrationValidationException refused)
        {
            return ApiResults.Invalid(refused);
        }
        catch (IntegrationConcurrencyException ex)
        {
            return ApiResults.Message(409, ex.Message);
        }
    }

    private static async Task<IResult> SaveAsync(WebhookIntegration hook, ApiParameters parameters, HookScope scope, int status,
        HttpContext http, ForgeDbContext db, IIntegrationStore store, IDeliveryLog log)
    {
        try
        {
            hook.ApplyFormValues(IntegrationParameters.ToFormValues(hook, parameters));
            await store.SaveAsync(hook, http.RequestAborted);
        }
        catch (IntegrationValidationException refused) when (refused.Errors.ContainsKey("url"))
        {
            // GitLab answers an unusable URL with 422 "Invalid url given"; the errors say why.
            var body = new JsonObject { ["message"] = "Invalid url given", ["errors"] = ApiResults.Errors(refused) };
            return ApiResults.Json(body, 422);
        }
        catch (IntegrationValidationException refused)
        {
            return ApiResults.Invalid(refused);
        }
        catch (IntegrationConcurrencyException ex)
        {
            return ApiResults.Message(409, ex.Message);
        }

        return ApiResults.Json(await JsonOfAsync(hook, scope, db, log, http.RequestAborted), status);
    }

    private static async Task<IResult> WithHookAsync(HttpContext http, ForgeDbContext db, IIntegrationStore store, ScopeResolver resolve, long hookId,
        string scopeNotFound, Func<WebhookIntegration, HookScope, Task<IResult>> action)
    {
        if (await resolve(http, db) is not { } scope)
        {
            return ApiResults.NotFound(scopeNotFound);
        }

        if (await Numbers.IntegrationOfAsync(db, hookId, http.RequestAborted) is not { } id
            || await store.GetAsync(id, http.RequestAborted) is not WebhookIntegration hook || hook.Scope != scope.Scope)
        {
            return ApiResults.NotFound(scope.JsonKey switch { "project_id" => "Project Hook", "group_id" => "Group Hook", _ => "Hook" });
        }

        return await action(hook, scope);
    }

    private static async Task<JsonObject> JsonOfAsync(WebhookIntegration hook, HookScope scope, ForgeDbContext db, IDeliveryLog log, CancellationToken cancellationToken) =>
        HookJson.Hook(hook, await Numbers.OfIntegrationAsync(db, hook.Id, cancellationToken), await log.GetHealthAsync(hook.Id, cancellationToken), scope.JsonKey, scope.Id);

    private static bool MatchesStatus(int? code, string filter) => filter switch
    {
        "" => true,
        "successful" => code is >= 200 and < 300,
        "client_failure" => code is >= 400 and < 500,
        "server_failure" => code is >= 500 and < 600,
        _ => int.TryParse(filter, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var wanted) && code == wanted,
    };
}
