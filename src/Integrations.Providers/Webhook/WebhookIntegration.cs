using Integrations.Events;
using Integrations.Fields;
using Integrations.Webhooks;

namespace Integrations.Providers.Webhook;

/// <summary>
/// A generic webhook (GitLab's project, group and system hooks): posts each subscribed event's GitLab-compatible JSON,
/// or a custom template of it, to a URL, with GitLab's headers, an optional secret token, Standard Webhooks signatures
/// (rotatable, both secrets signing during the overlap) and an optional GitHub-style <c>X-Hub-Signature-256</c>.
/// A scope may hold many; a group's hooks fire for every project under it and the instance's for every project, in
/// addition to the project's own.
/// </summary>
[IntegrationType("webhook", AllowMultiplePerScope = true)]
public sealed class WebhookIntegration : WebhookBackedIntegration
{
    /// <summary>The most custom headers a hook may have.</summary>
    public const int MaxCustomHeaders = 20;

    /// <summary>The longest custom header value.</summary>
    public const int MaxHeaderValueLength = 2048;

    /// <summary>How long the previous signing secret keeps signing after a rotation unless configured: 24 hours.</summary>
    public const int DefaultSigningSecretOverlapHours = 24;

    /// <inheritdoc />
    public override string Title => string.IsNullOrWhiteSpace(Name) ? "Webhook" : Name;

    /// <inheritdoc />
    public override string Description => "Send the events you choose to any URL, as GitLab-compatible JSON or your own template, signed.";

    /// <inheritdoc />
    public override string? Help =>
        "Each delivery carries `X-Gitlab-Event`, `Idempotency-Key` and Standard Webhooks `webhook-id` / `webhook-timestamp` "
        + "headers; with a signing secret also `webhook-signature`, which any Standard Webhooks library verifies.";

    /// <inheritdoc />
    public override IntegrationEvents SupportedEvents => IntegrationEvents.All;

    /// <inheritdoc />
    public override IntegrationEvents DefaultEvents => IntegrationEvents.Push;

    /// <summary>A name shown in the list of webhooks.</summary>
    [Field(FieldType.Text, Title = "Name", Placeholder = "Deploy bot", Help = "Shown in the list of webhooks.", Section = FieldSections.Connection)]
    public string? Name { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>What the hook is for.</summary>
    [Field(FieldType.Textarea, Name = "description", Title = "Description", Help = "What the hook is for.", Section = FieldSections.Connection)]
    public string? HookDescription { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The receiver's URL; may contain <c>{name}</c> placeholders filled from <see cref="UrlVariables"/>.</summary>
    [Field(FieldType.Text, Title = "URL", Required = true, ExposesSecrets = true, Section = FieldSections.Connection,
        Placeholder = "https://example.com/hooks/{token}",
        Help = "http or https. Write {name} where a secret goes and give its value under URL variables: it is never shown or logged.")]
    public string? Url { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Values of the <c>{name}</c> placeholders in <see cref="Url"/>; secret.</summary>
    [Field(FieldType.KeyValue, IsSecret = true, Title = "URL variables", Section = FieldSections.Connection,
        Help = "One name=value per line for the {name} placeholders in the URL (at most 20). Values are secret: masked everywhere, also in the delivery log.")]
    public IReadOnlyDictionary<string, string>? UrlVariables { get => GetProperty<Dictionary<string, string>>(); set => SetProperty(value); }

    /// <summary>GitLab's plain secret token, sent as <c>X-Gitlab-Token</c>.</summary>
    [Field(FieldType.Password, Title = "Secret token", Section = FieldSections.Connection,
        Help = "Sent as X-Gitlab-Token with every delivery. Prefer a signing secret: a token proves nothing about the body.",
        NonEmptyPasswordTitle = "Enter a new secret token", NonEmptyPasswordHelp = "Leave blank to keep the current token.")]
    public string? Token { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The Standard Webhooks signing secret (<c>whsec_…</c>).</summary>
    [Field(FieldType.Password, Title = "Signing secret", Section = FieldSections.Connection,
        Help = "A whsec_ secret: each delivery is signed in webhook-signature (Standard Webhooks). Rotate it to get a new one; the old one keeps signing during the overlap.",
        NonEmptyPasswordTitle = "Enter a new signing secret", NonEmptyPasswordHelp = "Leave blank to keep the current secret.")]
    public string? SigningSecret { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The secret that signed before the last rotation; it keeps signing until <see cref="PreviousSigningSecretExpiresAt"/>.</summary>
    [Field(FieldType.Password, Title = "Previous signing secret", ApiOnly = true, Section = FieldSections.Connection,
        Help = "Set by a rotation: it signs beside the new secret until the overlap ends.")]
    public string? PreviousSigningSecret { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>When the previous signing secret stops signing.</summary>
    [Field(FieldType.Text, Title = "Previous signing secret expires at", ApiOnly = true, Section = FieldSections.Connection,
        Help = "Set by a rotation (ISO 8601).")]
    public DateTimeOffset? PreviousSigningSecretExpiresAt { get => GetProperty<DateTimeOffset?>(); set => SetProperty(value); }

    /// <summary>How many hours the previous signing secret keeps signing after a rotation; 24 by default.</summary>
    [Field(FieldType.Number, Title = "Rotation overlap (hours)", Min = 0, Max = 720, Section = FieldSections.Connection,
        Help = "After a rotation, both secrets sign for this long, so receivers can switch without losing a delivery.")]
    public int SigningSecretOverlapHours { get => GetProperty<int?>() ?? DefaultSigningSecretOverlapHours; set => SetProperty(value); }

    /// <summary>Whether to add a GitHub-style <c>X-Hub-Signature-256</c> keyed with the signing secret.</summary>
    [Field(FieldType.Checkbox, Title = "GitHub-style signature", Section = FieldSections.Connection,
        CheckboxLabel = "Also send X-Hub-Signature-256 (HMAC-SHA256 of the body keyed with the signing secret text), for receivers built for GitHub or Gitea",
        Help = "Needs a signing secret. It has no timestamp, so receivers cannot detect replays with it alone.")]
    public bool HubSignature { get => GetProperty<bool?>() ?? false; set => SetProperty(value); }

    /// <summary>Extra request headers; values secret, built-in headers win.</summary>
    [Field(FieldType.KeyValue, IsSecret = true, Title = "Custom headers", Section = FieldSections.Connection,
        Help = "One Name=value per line (at most 20), for example Authorization=Bearer …. Values are secret. GitLab's and the signature headers cannot be replaced.")]
    public IReadOnlyDictionary<string, string>? CustomHeaders { get => GetProperty<Dictionary<string, string>>(); set => SetProperty(value); }

    /// <summary>Whether the receiver's TLS certificate is checked; on by default.</summary>
    [Field(FieldType.Checkbox, Title = "SSL verification", Section = FieldSections.Connection,
        CheckboxLabel = "Enable SSL verification",
        Help = "Turn off only for a receiver with a self-signed certificate. The local-network guard applies either way.")]
    public bool EnableSslVerification { get => GetProperty<bool?>() ?? true; set => SetProperty(value); }

    /// <summary>Seconds one attempt may take, within the instance's bounds.</summary>
    [Field(FieldType.Number, Title = "Timeout (seconds)", Min = 1, Max = 300, Section = FieldSections.Connection,
        Help = "How long one attempt may take. Kept within the bounds the instance sets (10 s unless set).")]
    public int? TimeoutSeconds { get => GetProperty<int?>(); set => SetProperty(value); }

    /// <summary>How push events are filtered by branch.</summary>
    [Field(FieldType.Select, Title = "Push events branch filter", Section = FieldSections.Trigger,
        Help = "All branches, wildcard patterns (comma separated, * matches anything) or a regular expression. Only push events are filtered.")]
    public BranchFilterStrategy BranchFilterStrategy { get => GetProperty<BranchFilterStrategy?>() ?? BranchFilterStrategy.AllBranches; set => SetProperty(value); }

    /// <summary>The wildcard patterns or regular expression for <see cref="BranchFilterStrategy"/>.</summary>
    [Field(FieldType.Text, Title = "Branch filter", Placeholder = "main, release/*", Section = FieldSections.Trigger,
        Help = "Branch names for push events: wildcards such as release/* or a regular expression, per the strategy.")]
    public string? PushEventsBranchFilter { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>A custom payload template; the event's JSON when empty.</summary>
    [Field(FieldType.Textarea, Title = "Custom webhook template", Section = FieldSections.Configuration,
        Placeholder = "{\"title\": \"{{object_attributes.title}}\"}",
        Help = "JSON with {{path}} placeholders into the event (at most 4,096 characters). Leave empty to send GitLab's payload.")]
    public string? CustomWebhookTemplate { get => GetProperty<string>(); set => SetProperty(value); }

    /// <inheritdoc />
    public override TimeSpan? Timeout => TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    /// <inheritdoc />
    public override bool VerifiesServerCertificate => EnableSslVerification;

    /// <inheritdoc />
    public override bool Accepts(IntegrationEvent @event) => new BranchFilter(BranchFilterStrategy, PushEventsBranchFilter).Accepts(@event);

    /// <summary>
    /// Makes a new signing secret and returns it (show it once: it is never shown again). The current secret, if
    /// any, keeps signing beside the new one for <see cref="SigningSecretOverlapHours"/>. Save the integration afterwards.
    /// </summary>
    /// <param name="now">The current time (from the host's <see cref="TimeProvider"/>).</param>
    public string RotateSigningSecret(DateTimeOffset now)
    {
        var current = SigningSecret;
        var next = WebhookSecret.Generate();
        if (!string.IsNullOrEmpty(current) && SigningSecretOverlapHours > 0)
        {
            PreviousSigningSecret = current;
            PreviousSigningSecretExpiresAt = now.AddHours(SigningSecretOverlapHours);
        }
        else
        {
            PreviousSigningSecret = null;
            PreviousSigningSecretExpiresAt = null;
        }

        SigningSecret = next;
        return next;
    }

    /// <summary>
    /// The secrets that sign at <paramref name="at"/>: the previous one during the overlap, then the current one. The
    /// previous signature comes first because some receivers' libraries check only the first signature of the header
    /// (StandardWebhooks 1.1.2 on NuGet does): receivers that have not switched yet, the usual case during an
    /// overlap, keep verifying with them.
    /// </summary>
    /// <param name="at">The attempt's time.</param>
    public IReadOnlyList<string> SigningSecretsAt(DateTimeOffset at)
    {
        var secrets = new List<string>(2);
        if (!string.IsNullOrEmpty(PreviousSigningSecret) && PreviousSigningSecretExpiresAt is { } until && at < until)
        {
            secrets.Add(PreviousSigningSecret);
        }

        if (!string.IsNullOrEmpty(SigningSecret))
        {
            secrets.Add(SigningSecret);
        }

        return secrets;
    }

    /// <summary>The URL with its variables filled in, or null when one is missing.</summary>
    public string? InterpolatedUrl() =>
        Url is null ? null : WebhookUrl.Interpolate(Url, UrlVariables ?? new Dictionary<string, string>(), out _);

    /// <inheritdoc />
    protected override WebhookTarget GetTarget(IntegrationExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var url = WebhookUrl.Interpolate(Url ?? string.Empty, UrlVariables ?? new Dictionary<string, string>(), out var missing)
            ?? throw new WebhookRequestException($"The URL refers to the variable '{missing}', which has no value: enter it under URL variables.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new WebhookRequestException("The URL, with its variables filled in, is not an absolute URL.");
        }

        var secrets = SigningSecretsAt(context.AttemptTime);
        return new WebhookTarget
        {
            Url = uri,
            Token = Token,
            SigningSecrets = secrets,
            HubSecret = HubSignature && !string.IsNullOrEmpty(SigningSecret) ? SigningSecret : null,
            Headers = CustomHeaders ?? new Dictionary<string, string>(),
        };
    }

    /// <inheritdoc />
    protected override ReadOnlyMemory<byte> CreateBody(IntegrationExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return string.IsNullOrWhiteSpace(CustomWebhookTemplate)
            ? base.CreateBody(context)
            : WebhookPayloadTemplate.Render(CustomWebhookTemplate, context.Payload);
    }
}
