using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Fields;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Providers.Jira;

/// <summary>
/// Jira (Cloud and Data Center): when a commit or a merge request mentions an issue key, the issue gets a remote link
/// (upserted by a stable <c>globalId</c>) and, once, a comment; when a push to the default branch or a merge into it says
/// "Closes KEY-1", the issue is transitioned (automatically into the "done" category, or through listed transitions)
/// unless it already has a resolution, with a "solved" comment and a resolved link. Every write is made once per
/// mention, also across retries, resends and several workers: the integration's state remembers what was done.
/// </summary>
[IntegrationType("jira", LegacyNames = ["JiraService"])]
public sealed class JiraIntegration : Integration
{
    /// <inheritdoc />
    public override string Title => "Jira";

    /// <inheritdoc />
    public override string Description => "Link commits and merge requests to Jira issues, comment on them, and close them from GitLab.";

    /// <inheritdoc />
    public override string? Help =>
        "Jira Cloud: the account's e-mail and an API token (id.atlassian.com → Security → API tokens; tokens expire within a year). "
        + "Data Center: a username and password, or a personal access token.";

    /// <inheritdoc />
    public override IntegrationEvents SupportedEvents => IntegrationEvents.Push | IntegrationEvents.MergeRequest;

    /// <summary>The Jira site, for links (and the API when no API URL is set).</summary>
    [Field(FieldType.Text, Title = "Web URL", Required = true, IsUrl = true, ExposesSecrets = true, Section = FieldSections.Connection,
        Placeholder = "https://example.atlassian.net", Help = "The base URL of the Jira instance.")]
    public string? WebUrl { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The API's base URL when it differs from the Web URL.</summary>
    [Field(FieldType.Text, Title = "Jira API URL", IsUrl = true, ExposesSecrets = true, Section = FieldSections.Connection,
        Help = "If different from the Web URL (a proxy in front of Jira Data Center, for example).")]
    public string? ApiUrl { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>How to sign in.</summary>
    [Field(FieldType.Select, Title = "Authentication method", Section = FieldSections.Connection,
        Help = "Cloud: e-mail and API token (classic on the site URL, or scoped through Atlassian's gateway). Data Center: password or personal access token.")]
    public JiraAuthentication Authentication { get => GetProperty<JiraAuthentication?>() ?? JiraAuthentication.CloudApiToken; set => SetProperty(value); }

    /// <summary>The e-mail (Cloud) or username (Data Center); unused with a personal access token.</summary>
    [Field(FieldType.Text, Title = "E-mail or username", Section = FieldSections.Connection,
        Help = "Jira Cloud: the account's e-mail. Data Center: the username. Not used with a personal access token.")]
    public string? Username { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The API token, password or personal access token.</summary>
    [Field(FieldType.Password, Title = "API token, password or personal access token", Required = true, Section = FieldSections.Connection,
        Help = "Jira Cloud: an API token. Data Center: the password or a personal access token.",
        NonEmptyPasswordTitle = "Enter a new token or password", NonEmptyPasswordHelp = "Leave blank to keep the current one.")]
    public string? Password { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>A custom issue key regex; GitLab's default when empty.</summary>
    [Field(FieldType.Text, Title = "Jira issue regex", Placeholder = "[A-Z][A-Z_0-9]+-\\d+", Section = FieldSections.Configuration,
        Help = "A regular expression matching issue keys (at most 255 characters). Leave blank for the default, which ignores CVE ids.")]
    public string? IssueRegex { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Text that must precede a key.</summary>
    [Field(FieldType.Text, Title = "Jira issue prefix", Placeholder = "JIRA#", Section = FieldSections.Configuration,
        Help = "Only keys after this text are recognised (at most 255 characters).")]
    public string? IssuePrefix { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The only Jira projects to act on.</summary>
    [Field(FieldType.StringList, Title = "Jira project keys", Placeholder = "ABC, OPS", Section = FieldSections.Configuration,
        Help = "Only issues of these projects are linked, commented and closed. Leave blank for all.")]
    public IReadOnlyList<string>? ProjectKeys { get => GetProperty<List<string>>(); set => SetProperty(value?.ToList()); }

    /// <summary>Whether a mention adds a comment (the remote link is always added).</summary>
    [Field(FieldType.Checkbox, Title = "Comment on mention", CheckboxLabel = "Add a comment when a commit or merge request mentions an issue", Section = FieldSections.Configuration,
        Help = "The remote link is added either way.")]
    public bool CommentOnMention { get => GetProperty<bool?>() ?? true; set => SetProperty(value); }

    /// <summary>How much a mention comment says.</summary>
    [Field(FieldType.Select, Title = "Comment detail", Section = FieldSections.Configuration,
        Help = "Standard: who and where, with the title. All details: also the whole commit message or description.")]
    public JiraCommentDetail CommentDetail { get => GetProperty<JiraCommentDetail?>() ?? JiraCommentDetail.Standard; set => SetProperty(value); }

    /// <summary>How "Closes KEY-1" moves the issue.</summary>
    [Field(FieldType.Select, Title = "Transition Jira issues to their final state", Section = FieldSections.Configuration,
        Help = "Off, automatic (the first transition into a \"done\" status), or the transition ids below in order.")]
    public JiraTransitionMode TransitionMode { get => GetProperty<JiraTransitionMode?>() ?? JiraTransitionMode.Off; set => SetProperty(value); }

    /// <summary>Transition ids, separated by commas or semicolons, applied in order.</summary>
    [Field(FieldType.Text, Title = "Transition ids", Placeholder = "11, 31", Section = FieldSections.Configuration,
        Help = "With custom transitions: the ids to apply in order, separated by commas or semicolons. The first that fails stops the rest.")]
    public string? TransitionIds { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>Whether the settings are for Jira Cloud.</summary>
    public bool IsCloud => Authentication is JiraAuthentication.CloudApiToken or JiraAuthentication.CloudScopedToken;

    /// <summary>Checks the connection: the server's info and the signed-in user.</summary>
    /// <inheritdoc />
    public override async Task<IntegrationResult> TestAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (api, failure) = await ApiAsync(context, cancellationToken).ConfigureAwait(false);
        if (api is null)
        {
            return failure!;
        }

        var server = await api.GetAsync("rest/api/2/serverInfo", cancellationToken).ConfigureAwait(false);
        if (!server.Ok)
        {
            return server.Result;
        }

        var me = await api.GetAsync(api.Rest("myself"), cancellationToken).ConfigureAwait(false);
        if (!me.Ok)
        {
            return me.Result;
        }

        var deployment = server.Body?["deploymentType"]?.GetValue<string>() is "Cloud" ? "Jira Cloud" : "Jira Data Center";
        return IntegrationResult.Success(string.Create(CultureInfo.InvariantCulture,
            $"Connected to {deployment} {server.Body?["version"]?.GetValue<string>()} as {me.Body?["displayName"]?.GetValue<string>() ?? "an unnamed account"}."));
    }

    /// <inheritdoc />
    public override async Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mentions = JiraMentions.From(context, this);
        if (mentions.Count == 0)
        {
            return IntegrationResult.Skipped("No Jira issue keys mentioned.");
        }

        var (api, failure) = await ApiAsync(context, cancellationToken).ConfigureAwait(false);
        if (api is null)
        {
            return failure!;
        }

        var work = new JiraWork(api, this, context, context.Services.GetService<JiraWritePacer>());
        var done = new List<string>();
        foreach (var mention in mentions)
        {
            var result = await work.ApplyAsync(mention, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return result;
            }

            done.Add(result.Message!);
        }

        return IntegrationResult.Success(string.Join(" ", done));
    }

    /// <summary>The API client for these settings, looking up (and remembering) the cloud id for scoped tokens.</summary>
    private async Task<(JiraApi? Api, IntegrationResult? Failure)> ApiAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        var stateKey = "jira-cloud-id:" + WebUrl;
        var gateway = context.Services.GetService<IOptions<JiraOptions>>()?.Value.GatewayBaseUrl ?? new JiraOptions().GatewayBaseUrl;
        return await ConnectAsync(context.Http, gateway, context.AttemptTime,
            ct => context.State.GetAsync(stateKey, ct),
            (id, ct) => context.IsTest ? Task.CompletedTask : context.State.SetAsync(stateKey, id, ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the API client: the base URL, the credentials and the REST version for the authentication method.</summary>
    internal async Task<(JiraApi? Api, IntegrationResult? Failure)> ConnectAsync(HttpClient http, Uri gateway, DateTimeOffset now,
        Func<CancellationToken, Task<string?>> knownCloudId, Func<string, CancellationToken, Task> rememberCloudId, CancellationToken cancellationToken)
    {
        var credentials = Authentication == JiraAuthentication.DataCenterToken
            ? new AuthenticationHeaderValue("Bearer", Password)
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        var version = IsCloud ? 3 : 2;
        if (Authentication != JiraAuthentication.CloudScopedToken)
        {
            return (new JiraApi(http, Slash(string.IsNullOrWhiteSpace(ApiUrl) ? WebUrl! : ApiUrl), credentials, version, now), null);
        }

        var cloudId = await knownCloudId(cancellationToken).ConfigureAwait(false);
        if (cloudId is null)
        {
            using var response = await http.GetAsync(new Uri(Slash(WebUrl!), "_edge/tenant_info"), cancellationToken).ConfigureAwait(false);
            var body = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) : null;
            cloudId = body?["cloudId"]?.GetValue<string>();
            if (cloudId is null)
            {
                return (null, IntegrationResult.FromHttpResponse(response, now)
                    .WithMessage($"Could not look up the Jira site's cloud id at {WebUrl}/_edge/tenant_info ({(int)response.StatusCode}): check the Web URL."));
            }

            await rememberCloudId(cloudId, cancellationToken).ConfigureAwait(false);
        }

        return (new JiraApi(http, new Uri(gateway, $"ex/jira/{cloudId}/"), credentials, version, now), null);
    }

    /// <summary>The key finder for these settings.</summary>
    public JiraIssueKeys IssueKeys() => new(IssueRegex, IssuePrefix, ProjectKeys);

    /// <summary>The ids to apply for custom transitions.</summary>
    public IReadOnlyList<string> TransitionIdList() =>
        (TransitionIds ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A stable <c>globalId</c> for the remote link of an entity (at most 255 characters).</summary>
    /// <param name="entityUrl">The commit's or merge request's URL.</param>
    public static string GlobalIdFor(string entityUrl)
    {
        ArgumentNullException.ThrowIfNull(entityUrl);
        var id = "system=gitlab&id=" + entityUrl;
        return id.Length <= 255 ? id : "system=gitlab&sha256=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entityUrl)));
    }

    private static Uri Slash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
