using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Integrations.Fields;
using Integrations.Webhooks;

namespace Integrations.Providers.Jenkins;

/// <summary>
/// Triggers Jenkins builds through the Jenkins GitLab plugin: posts the GitLab payload of pushes, merge requests and
/// tag pushes to <c>{Jenkins URL}/project/{project name}</c>, with HTTP Basic authentication when a username is set.
/// Project level only, as in GitLab.
/// </summary>
[IntegrationType("jenkins", Levels = IntegrationLevels.Project)]
public sealed class JenkinsIntegration : WebhookBackedIntegration
{
    /// <inheritdoc />
    public override string Title => "Jenkins";

    /// <inheritdoc />
    public override string Description => "Run CI/CD pipelines with Jenkins when you push or open a merge request.";

    /// <inheritdoc />
    public override string? Help =>
        "Install the Jenkins GitLab plugin and enable 'Build when a change is pushed to GitLab' on the job. "
        + "The project name is the job's path as the plugin's webhook URL shows it (folder/job for jobs in folders).";

    /// <inheritdoc />
    public override IntegrationEvents SupportedEvents => IntegrationEvents.Push | IntegrationEvents.MergeRequest | IntegrationEvents.TagPush;

    /// <inheritdoc />
    public override IntegrationEvents DefaultEvents => IntegrationEvents.Push;

    /// <summary>The Jenkins server's URL.</summary>
    [Field(FieldType.Text, Title = "Jenkins server URL", Required = true, IsUrl = true, ExposesSecrets = true, Section = FieldSections.Connection,
        Placeholder = "https://jenkins.example.com", Help = "The URL of the Jenkins server.")]
    public string? JenkinsUrl { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The job's name (its path, for jobs in folders).</summary>
    [Field(FieldType.Text, Title = "Project name", Required = true, Section = FieldSections.Connection,
        Placeholder = "my_project_name", Help = "The name of the Jenkins project; folder/job for a job in a folder.")]
    public string? ProjectName { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The Jenkins user, when Jenkins requires authentication.</summary>
    [Field(FieldType.Text, Title = "Username", Section = FieldSections.Connection,
        Help = "The username for the Jenkins server, if it requires authentication.")]
    public string? Username { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The Jenkins user's password or API token.</summary>
    [Field(FieldType.Password, Title = "Password", Section = FieldSections.Connection,
        Help = "The password or API token of the Jenkins user.",
        NonEmptyPasswordTitle = "Enter a new password", NonEmptyPasswordHelp = "Leave blank to keep the current password.")]
    public string? Password { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The plugin endpoint the payload goes to: <c>{Jenkins URL}/project/{project name}</c>, each path segment escaped.</summary>
    public Uri? HookUrl()
    {
        if (!Uri.TryCreate(JenkinsUrl, UriKind.Absolute, out var root) || string.IsNullOrWhiteSpace(ProjectName))
        {
            return null;
        }

        var path = string.Join('/', ProjectName.Trim().Trim('/').Split('/').Select(Uri.EscapeDataString));
        return new Uri(root.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/project/" + path);
    }

    /// <inheritdoc />
    protected override WebhookTarget GetTarget(IntegrationExecutionContext context) => new()
    {
        Url = HookUrl() ?? throw new WebhookRequestException("Jenkins server URL and Project name are needed to trigger a build."),
        Authorization = string.IsNullOrEmpty(Username)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + Password))),
    };

    /// <summary>"Test settings" succeeds only on 200 OK, as GitLab's: the plugin answers 200 when it accepted the trigger.</summary>
    /// <inheritdoc />
    protected override Task<IntegrationResult> MapResponseAsync(HttpResponseMessage response, IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsTest && response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.OK)
        {
            return Task.FromResult(IntegrationResult.Failure(
                $"Jenkins answered {(int)response.StatusCode} {response.ReasonPhrase}; a working GitLab plugin endpoint answers 200 OK. Check the project name."));
        }

        return base.MapResponseAsync(response, context, cancellationToken);
    }
}
