using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Providers.Slack;

/// <summary>
/// The two Web API methods app mode uses, <c>chat.postMessage</c> and <c>chat.update</c>, with the bot token. The Web API
/// answers errors as HTTP 200 with <c>{"ok": false, "error": "…"}</c>; those become failures that name the fix.
/// </summary>
internal sealed class SlackWebApi(HttpClient http, Uri baseUrl, string botToken, DateTimeOffset now)
{
    /// <summary>Posts (or, with <paramref name="updateTs"/>, updates) a message; returns the result and the message's <c>ts</c>.</summary>
    public async Task<(IntegrationResult Result, string? Ts)> SendAsync(JsonObject body, string channel, string? threadTs, string? updateTs, CancellationToken cancellationToken)
    {
        body["channel"] = channel;
        if (updateTs is not null)
        {
            body["ts"] = updateTs;
        }
        else if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, updateTs is null ? "chat.postMessage" : "chat.update"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", botToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var http200 = IntegrationResult.FromHttpResponse(response, now);
        if (!http200.Succeeded)
        {
            return (http200.WithMessage($"Slack's Web API answered {(int)response.StatusCode}" + (http200.IsThrottled ? " (rate limited); the delivery waits and is retried." : ".")), null);
        }

        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException)
        {
            return (IntegrationResult.TransientFailure("Slack's Web API answered with something that is not JSON."), null);
        }

        if (answer?["ok"]?.GetValue<bool>() == true)
        {
            return (IntegrationResult.Success($"Posted to Slack {channel}."), answer["ts"]?.GetValue<string>());
        }

        var error = answer?["error"]?.GetValue<string>() ?? "unknown_error";
        return (Explain(error, channel), null);
    }

    private static IntegrationResult Explain(string error, string channel) => error switch
    {
        "channel_not_found" => IntegrationResult.Failure($"Slack has no channel {channel} the app can see (channel_not_found): check the channel settings."),
        "not_in_channel" => IntegrationResult.Failure($"The Slack app is not in {channel} (not_in_channel): invite it to the channel (/invite @app) or choose another."),
        "is_archived" => IntegrationResult.Failure($"The Slack channel {channel} is archived (is_archived): unarchive it or choose another."),
        "invalid_auth" or "not_authed" or "token_revoked" or "token_expired" or "account_inactive" or "no_permission" =>
            IntegrationResult.Failure($"Slack refused the bot token ({error}): it is wrong, revoked or expired. Reinstall the app and enter its new xoxb- token."),
        "missing_scope" => IntegrationResult.Failure("The Slack app lacks a scope (missing_scope): add chat:write (and chat:write.public for public channels it has not joined), then reinstall it."),
        "msg_too_long" or "msg_blocks_too_long" or "invalid_blocks" or "invalid_arguments" =>
            IntegrationResult.Failure($"Slack refused the message ({error}). This is a bug in the Slack integration; please report it."),
        "message_not_found" or "cant_update_message" => IntegrationResult.Failure($"Slack could not update the earlier message ({error}); it was deleted or is too old."),
        "ratelimited" or "rate_limited" => IntegrationResult.Throttled("Slack is rate limiting the app (ratelimited); the delivery waits and is retried."),
        "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout" => IntegrationResult.TransientFailure($"Slack had a problem ({error}); the delivery is retried."),
        _ => IntegrationResult.Failure($"Slack refused the message ({error})."),
    };
}
