using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.DeliveryLog;
using Integrations.Health;
using Integrations.Providers.Webhook;

namespace Integrations.Samples.Web.Api;

/// <summary>Hooks and hook events in the JSON shapes of GitLab's project, group and system hooks APIs.</summary>
internal static class HookJson
{
    public static JsonObject Hook(WebhookIntegration hook, long number, IntegrationHealth health, string? scopeKey, long? scopeId)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(health);
        var json = new JsonObject
        {
            ["id"] = number,
            ["url"] = hook.Url is null ? null : SecretMask.Url(hook.Url),
            ["name"] = hook.Name,
            ["description"] = hook.HookDescription,
        };
        if (scopeKey is not null)
        {
            json[scopeKey] = scopeId;
        }

        foreach (var single in IntegrationEventNames.Split(hook.SupportedEvents))
        {
            json[IntegrationEventNames.GetFlagName(single)] = (hook.EnabledEvents & single) != 0;
        }

        json["repository_update_events"] = false;
        json["push_events_branch_filter"] = hook.PushEventsBranchFilter ?? string.Empty;
        json["branch_filter_strategy"] = hook.BranchFilterStrategy switch
        {
            global::Integrations.Events.BranchFilterStrategy.Wildcard => "wildcard",
            global::Integrations.Events.BranchFilterStrategy.Regex => "regex",
            _ => "all_branches",
        };
        json["enable_ssl_verification"] = hook.EnableSslVerification;
        json["alert_status"] = health.Status switch
        {
            IntegrationHealthStatus.TemporarilyDisabled => "temporarily_disabled",
            IntegrationHealthStatus.PermanentlyDisabled => "disabled",
            _ => "executable",
        };
        json["disabled_until"] = health.DisabledUntil?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        json["url_variables"] = Keys(hook.UrlVariables);
        json["custom_headers"] = Keys(hook.CustomHeaders);
        json["custom_webhook_template"] = hook.CustomWebhookTemplate;
        json["created_at"] = hook.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        json["token_present"] = !string.IsNullOrEmpty(hook.Token);
        json["signing_token_present"] = !string.IsNullOrEmpty(hook.SigningSecret);
        json["timeout_seconds"] = hook.TimeoutSeconds;
        json["version"] = hook.Version;
        return json;
    }

    public static JsonObject Event(long number, DeliverySummary delivery, DeliveryAttempt? attempt)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        JsonNode? requestData = null;
        if (attempt?.RequestBody is { } body)
        {
            try
            {
                requestData = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                requestData = body;
            }
        }

        return new JsonObject
        {
            ["id"] = number,
            ["url"] = attempt?.RequestUrl,
            ["trigger"] = delivery.Event + "_hooks",
            ["request_headers"] = Headers(attempt?.RequestHeaders),
            ["request_data"] = requestData,
            ["response_headers"] = Headers(attempt?.ResponseHeaders),
            ["response_body"] = attempt?.ResponseBody ?? string.Empty,
            ["execution_duration"] = attempt?.Duration.TotalSeconds,
            ["response_status"] = attempt?.ResponseStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (attempt?.Error is null ? null : "internal error"),
            ["delivery_id"] = delivery.Id.ToString(),
            ["status"] = delivery.Status.ToString().ToLowerInvariant(),
            ["created_at"] = delivery.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static JsonArray Keys(IReadOnlyDictionary<string, string>? values) =>
        new((values ?? new Dictionary<string, string>()).Keys.Select(k => (JsonNode?)new JsonObject { ["key"] = k }).ToArray());

    private static JsonObject Headers(IReadOnlyDictionary<string, string>? headers)
    {
        var json = new JsonObject();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            json[name] = value;
        }

        return json;
    }
}
