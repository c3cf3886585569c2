using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Providers.Slack;

/// <summary>
/// Answers Slack slash commands as GitLab's Slack slash commands do: <c>/gitlab &lt;project&gt; issue show &lt;id&gt;</c>,
/// <c>issue new &lt;title&gt;</c> (further lines are the description), <c>issue search &lt;text&gt;</c> and <c>help</c>.
/// It verifies the request's signature first (a forged or replayed request gets 401 and a warning that never includes
/// the body), parses the form, and calls the host's <see cref="ISlackCommandHandler"/>. Map it in the host:
/// <code>
/// app.MapPost("/slack/commands", async (HttpRequest request, SlackSlashCommands commands, CancellationToken cancellationToken) =>
/// {
///     using var body = new System.IO.MemoryStream();
///     await request.Body.CopyToAsync(body, cancellationToken);
///     var answer = await commands.HandleAsync(body.ToArray(), request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], cancellationToken);
///     return Results.Text(answer.Json ?? string.Empty, "application/json", statusCode: answer.StatusCode);
/// });
/// </code>
/// </summary>
public sealed partial class SlackSlashCommands
{
    private readonly ISlackCommandHandler _handler;
    private readonly SlackSlashCommandOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackSlashCommands> _logger;

    /// <summary>Creates the command handler.</summary>
    /// <param name="handler">The host's handler.</param>
    /// <param name="options">The options; <see cref="SlackSlashCommandOptions.SigningSecret"/> is required.</param>
    /// <param name="time">The clock, for the timestamp check.</param>
    /// <param name="logger">Where refused requests are logged (never with their body).</param>
    public SlackSlashCommands(ISlackCommandHandler handler, IOptions<SlackSlashCommandOptions> options, TimeProvider time, ILogger<SlackSlashCommands> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        if (string.IsNullOrEmpty(_options.SigningSecret))
        {
            throw new InvalidOperationException("SlackSlashCommandOptions.SigningSecret is not set: it is the Slack app's signing secret.");
        }
    }

    /// <summary>Verifies and answers one slash command request.</summary>
    /// <param name="body">The exact request body (<c>application/x-www-form-urlencoded</c>).</param>
    /// <param name="timestamp">The <c>X-Slack-Request-Timestamp</c> header.</param>
    /// <param name="signature">The <c>X-Slack-Signature</c> header.</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    public async Task<SlackCommandResponse> HandleAsync(ReadOnlyMemory<byte> body, string? timestamp, string? signature, CancellationToken cancellationToken = default)
    {
        var check = SlackRequestVerifier.Verify(_options.SigningSecret!, timestamp, signature, body.Span, _time.GetUtcNow());
        if (!check.IsValid)
        {
            LogRefused(_logger, check.Failure!, body.Length);
            return new SlackCommandResponse(401, null);
        }

        var form = ParseForm(Encoding.UTF8.GetString(body.Span));
        var user = new SlackCommandUser(form.GetValueOrDefault("team_id") ?? string.Empty, form.GetValueOrDefault("user_id") ?? string.Empty, form.GetValueOrDefault("user_name") ?? string.Empty);
        var text = (form.GetValueOrDefault("text") ?? string.Empty).Trim();
        try
        {
            return new SlackCommandResponse(200, (await AnswerAsync(text, user, cancellationToken).ConfigureAwait(false)).ToJsonString());
        }
        catch (UnauthorizedAccessException ex)
        {
            return new SlackCommandResponse(200, Ephemeral(ex.Message).ToJsonString());
        }
    }

    private async Task<JsonObject> AnswerAsync(string text, SlackCommandUser user, CancellationToken cancellationToken)
    {
        var firstLine = text.Split('\n', 2);
        var words = firstLine[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3 || !words[1].Equals("issue", StringComparison.OrdinalIgnoreCase))
        {
            return Help(words.Length == 0 || words[0].Equals("help", StringComparison.OrdinalIgnoreCase) ? null : text);
        }

        var project = words[0];
        var rest = string.Join(' ', words.Skip(3));
        switch (words[2].ToLowerInvariant())
        {
            case "show" when long.TryParse(rest.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var iid):
                return await _handler.ShowIssueAsync(project, iid, user, cancellationToken).ConfigureAwait(false) is { } issue
                    ? InChannel($"*<{issue.Url}|#{issue.Iid} {SlackMarkup.Escape(issue.Title)}>* · {issue.State}"
                        + (string.IsNullOrWhiteSpace(issue.Description) ? string.Empty : "\n" + SlackMarkup.Truncate(SlackMarkup.Escape(issue.Description), 2500)))
                    : Ephemeral($"There is no issue #{iid} in {project}, or you may not see it.");
            case "new" when rest.Length > 0:
                var description = firstLine.Length > 1 ? firstLine[1].Trim() : null;
                return await _handler.CreateIssueAsync(project, rest, string.IsNullOrEmpty(description) ? null : description, user, cancellationToken).ConfigureAwait(false) is { } created
                    ? InChannel($"{SlackMarkup.Escape(user.UserName)} opened issue *<{created.Url}|#{created.Iid} {SlackMarkup.Escape(created.Title)}>* in {SlackMarkup.Escape(project)}")
                    : Ephemeral($"There is no project {project}, or you may not create issues in it.");
            case "search" when rest.Length > 0:
                var found = await _handler.SearchIssuesAsync(project, rest, user, cancellationToken).ConfigureAwait(false);
                return found switch
                {
                    null => Ephemeral($"There is no project {project}, or you may not see it."),
                    { Count: 0 } => Ephemeral($"No issues in {project} match \"{rest}\"."),
                    _ => Ephemeral(string.Join('\n', found.Take(_options.MaxSearchResults).Select(i => $"<{i.Url}|#{i.Iid} {SlackMarkup.Escape(i.Title)}> · {i.State}"))
                        + (found.Count > _options.MaxSearchResults ? $"\nand {found.Count - _options.MaxSearchResults} more" : string.Empty)),
                };
            default:
                return Help(text);
        }
    }

    private JsonObject Help(string? unknown)
    {
        var command = _options.Command;
        var help = new StringBuilder();
        if (unknown is not null)
        {
            help.Append(CultureInfo.InvariantCulture, $"I don't know \"{SlackMarkup.Escape(unknown)}\". ");
        }

        help.Append("Available commands:\n")
            .Append(CultureInfo.InvariantCulture, $"`{command} <project> issue show <id>` shows an issue\n")
            .Append(CultureInfo.InvariantCulture, $"`{command} <project> issue new <title>` opens an issue (lines after the first are its description)\n")
            .Append(CultureInfo.InvariantCulture, $"`{command} <project> issue search <text>` finds issues\n")
            .Append(CultureInfo.InvariantCulture, $"`{command} help` shows this help");
        return Ephemeral(help.ToString());
    }

    private static JsonObject Ephemeral(string text) => new() { ["response_type"] = "ephemeral", ["text"] = text };

    private static JsonObject InChannel(string text) => new() { ["response_type"] = "in_channel", ["text"] = text };

    private static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            form[name] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }

        return form;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "A Slack slash command request was refused: {Reason} ({Length} bytes, body not logged)")]
    private static partial void LogRefused(ILogger logger, string reason, int length);
}
