namespace Integrations.Providers.Slack;

/// <summary>What Slack's incoming-webhook error strings mean, and what to do about them.</summary>
internal static class SlackErrors
{
    public static string Explain(string error, int status, string? channel) => error switch
    {
        "invalid_payload" => "Slack refused the message as invalid_payload: it could not read it. This is a bug in the Slack integration; please report it with the delivery log.",
        "user_not_found" => "Slack found no such user (user_not_found): check the channel setting, which may name a user.",
        "action_prohibited" => "Slack refused to post (action_prohibited): a workspace administrator restricts where this webhook may post.",
        "posting_to_general_channel_denied" => "Slack refused to post in the workspace's general channel (posting_to_general_channel_denied): choose another channel.",
        "channel_not_found" => $"Slack has no channel {channel ?? "for this webhook"} (channel_not_found): check the channel settings, or create the channel.",
        "channel_is_archived" => $"The Slack channel {channel ?? "of this webhook"} is archived (channel_is_archived): unarchive it or choose another; the integration is disabled until it is edited or tested.",
        "no_service" or "no_team" or "invalid_token" or "no_active_hooks" =>
            $"The Slack webhook URL no longer works ({error}): it was revoked or its app was removed. Create a new incoming webhook and enter its URL.",
        "too_many_attachments" => "Slack refused the message (too_many_attachments). This is a bug in the Slack integration; please report it.",
        "rollup_error" => "Slack had an internal error (rollup_error); the delivery is retried.",
        "rate_limited" => "Slack is rate limiting this webhook (rate_limited); the delivery waits and is retried.",
        _ => $"Slack answered {status} ({(string.IsNullOrWhiteSpace(error) ? "no reason given" : error)}).",
    };
}
