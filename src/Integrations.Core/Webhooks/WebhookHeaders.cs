namespace Integrations.Webhooks;

/// <summary>The header names sent with webhook-style deliveries.</summary>
public static class WebhookHeaders
{
    /// <summary>Standard Webhooks message id: the delivery id, the same on every retry and resend.</summary>
    public const string Id = "webhook-id";

    /// <summary>Standard Webhooks timestamp (Unix seconds) of this attempt.</summary>
    public const string Timestamp = "webhook-timestamp";

    /// <summary>Standard Webhooks signatures (<c>v1,…</c>, space separated).</summary>
    public const string Signature = "webhook-signature";

    /// <summary>GitHub-style body signature.</summary>
    public const string HubSignature256 = "X-Hub-Signature-256";

    /// <summary>GitLab's event name, for example <c>Push Hook</c>.</summary>
    public const string GitlabEvent = "X-Gitlab-Event";

    /// <summary>GitLab's per-event id (the same for every integration the event goes to).</summary>
    public const string GitlabEventUuid = "X-Gitlab-Event-UUID";

    /// <summary>GitLab's per-request id (new on every attempt).</summary>
    public const string GitlabWebhookUuid = "X-Gitlab-Webhook-UUID";

    /// <summary>GitLab's instance URL header.</summary>
    public const string GitlabInstance = "X-Gitlab-Instance";

    /// <summary>GitLab's plain shared token.</summary>
    public const string GitlabToken = "X-Gitlab-Token";

    /// <summary>The idempotency key: the delivery id, the same on every retry and resend.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>GitLab's hook name for an event: <c>Push Hook</c>, <c>Tag Push Hook</c>, <c>Confidential Issue Hook</c>, ….</summary>
    /// <param name="singleEvent">One event kind.</param>
    public static string GitlabEventName(IntegrationEvents singleEvent) => singleEvent switch
    {
        IntegrationEvents.Push => "Push Hook",
        IntegrationEvents.TagPush => "Tag Push Hook",
        IntegrationEvents.Issue => "Issue Hook",
        IntegrationEvents.ConfidentialIssue => "Confidential Issue Hook",
        IntegrationEvents.MergeRequest => "Merge Request Hook",
        IntegrationEvents.Note => "Note Hook",
        IntegrationEvents.ConfidentialNote => "Confidential Note Hook",
        IntegrationEvents.Pipeline => "Pipeline Hook",
        IntegrationEvents.Job => "Job Hook",
        IntegrationEvents.Deployment => "Deployment Hook",
        IntegrationEvents.Alert => "Alert Hook",
        IntegrationEvents.WikiPage => "Wiki Page Hook",
        IntegrationEvents.Release => "Release Hook",
        IntegrationEvents.Vulnerability => "Vulnerability Hook",
        IntegrationEvents.FeatureFlag => "Feature Flag Hook",
        IntegrationEvents.Emoji => "Emoji Hook",
        IntegrationEvents.Milestone => "Milestone Hook",
        IntegrationEvents.Member => "Member Hook",
        IntegrationEvents.Project => "Project Hook",
        IntegrationEvents.Subgroup => "Subgroup Hook",
        IntegrationEvents.ResourceAccessToken => "Resource Access Token Hook",
        _ => throw new ArgumentException($"'{singleEvent}' is not a single event kind.", nameof(singleEvent)),
    };
}
