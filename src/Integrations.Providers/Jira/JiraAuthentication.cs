using System.Text.Json.Serialization;

namespace Integrations.Providers.Jira;

/// <summary>How the integration signs in to Jira.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JiraAuthentication>))]
public enum JiraAuthentication
{
    /// <summary>Jira Cloud: an account e-mail and a classic API token (HTTP Basic), on the site's URL.</summary>
    CloudApiToken = 0,

    /// <summary>Jira Cloud: an e-mail (or service account) and a scoped API token, through the <c>api.atlassian.com/ex/jira/{cloudId}</c> gateway.</summary>
    CloudScopedToken = 1,

    /// <summary>Jira Data Center: a username and password (HTTP Basic).</summary>
    DataCenterPassword = 2,

    /// <summary>Jira Data Center: a personal access token (HTTP Bearer).</summary>
    DataCenterToken = 3,
}
