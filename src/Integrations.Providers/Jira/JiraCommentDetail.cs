using System.Text.Json.Serialization;

namespace Integrations.Providers.Jira;

/// <summary>How much a mention comment says (GitLab's <c>comment_detail</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JiraCommentDetail>))]
public enum JiraCommentDetail
{
    /// <summary>Who mentioned the issue, where, and the commit's title or the merge request's title.</summary>
    Standard = 0,

    /// <summary>The same, with the whole commit message or merge request description.</summary>
    AllDetails = 1,
}
