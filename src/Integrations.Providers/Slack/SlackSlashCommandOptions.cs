namespace Integrations.Providers.Slack;

/// <summary>Settings of <see cref="SlackSlashCommands"/>.</summary>
public sealed class SlackSlashCommandOptions
{
    /// <summary>The Slack app's signing secret (Basic Information → App Credentials). Required.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The command as configured in Slack, for help texts; <c>/gitlab</c> by default.</summary>
    public string Command { get; set; } = "/gitlab";

    /// <summary>The most issues a search lists; 10 by default.</summary>
    public int MaxSearchResults { get; set; } = 10;
}
