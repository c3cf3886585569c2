namespace Integrations.Providers.Slack;

/// <summary>Who ran a slash command, as Slack sends it: the host maps it to its own user (or refuses).</summary>
/// <param name="TeamId">The workspace id (<c>team_id</c>).</param>
/// <param name="UserId">The Slack user id (<c>user_id</c>).</param>
/// <param name="UserName">The Slack user name (<c>user_name</c>).</param>
public sealed record SlackCommandUser(string TeamId, string UserId, string UserName);
