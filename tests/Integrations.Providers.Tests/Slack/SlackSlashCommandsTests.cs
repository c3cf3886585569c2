using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Providers.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Providers.Tests.Slack;

/// <summary>Slack slash commands: signature checked first, then GitLab's issue commands through the host's handler.</summary>
public sealed class SlackSlashCommandsTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    private sealed class Issues : ISlackCommandHandler
    {
        public List<(string Project, string Title, string? Description, string User)> Created { get; } = [];

        public Task<SlackCommandIssue?> ShowIssueAsync(string project, long iid, SlackCommandUser user, CancellationToken cancellationToken) =>
            Task.FromResult(project == "acme/app" && iid == 12 ? new SlackCommandIssue(12, "Refunds <fail>", "opened", "https://forge.test/acme/app/-/issues/12", "On Sundays.") : null);

        public Task<SlackCommandIssue?> CreateIssueAsync(string project, string title, string? description, SlackCommandUser user, CancellationToken cancellationToken)
        {
            if (project == "acme/secret")
            {
                throw new UnauthorizedAccessException("You may not create issues in acme/secret.");
            }

            Created.Add((project, title, description, user.UserName));
            return Task.FromResult<SlackCommandIssue?>(new SlackCommandIssue(13, title, "opened", "https://forge.test/acme/app/-/issues/13"));
        }

        public Task<IReadOnlyList<SlackCommandIssue>?> SearchIssuesAsync(string project, string query, SlackCommandUser user, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SlackCommandIssue>?>(Enumerable.Range(1, 12).Select(i => new SlackCommandIssue(i, $"Refund issue {i}", "opened", $"https://forge.test/acme/app/-/issues/{i}")).ToList());
    }

    private (SlackSlashCommands Commands, Issues Issues, FakeLogCollector Logs, ServiceProvider Services) Create()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging());
        services.AddSingleton<TimeProvider>(_time);
        services.AddIntegrations().AddSlackSlashCommands<Issues>(o => o.SigningSecret = Secret);
        var provider = services.BuildServiceProvider();
        var scope = provider.CreateScope();
        return (scope.ServiceProvider.GetRequiredService<SlackSlashCommands>(), (Issues)scope.ServiceProvider.GetRequiredService<ISlackCommandHandler>(), provider.GetFakeLogCollector(), provider);
    }

    /// <summary>Slack's signing method written out from its documentation, sharing no code with the library.</summary>
    private static (byte[] Body, string Timestamp, string Signature) Signed(string text, DateTimeOffset at)
    {
        var body = Encoding.UTF8.GetBytes($"token=x&team_id=T1&user_id=U1&user_name=ada&command=%2Fgitlab&text={Uri.EscapeDataString(text)}&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1");
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var signature = "v0=" + string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray()).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        return (body, timestamp, signature);
    }

    private async Task<JsonNode> AnswerAsync(SlackSlashCommands commands, string text)
    {
        var (body, timestamp, signature) = Signed(text, _time.GetUtcNow());
        var answer = await commands.HandleAsync(body, timestamp, signature);
        answer.StatusCode.Should().Be(200);
        return JsonNode.Parse(answer.Json!)!;
    }

    [Test]
    public async Task A_forged_or_replayed_request_gets_401_and_a_warning_without_the_body()
    {
        var (commands, _, logs, services) = Create();
        await using var _ = services;
        var (body, timestamp, signature) = Signed("acme/app issue new Steal things", _time.GetUtcNow());
        var tampered = body.ToArray();
        tampered[^1] ^= 1;
        var (oldBody, oldTimestamp, oldSignature) = Signed("acme/app issue show 12", _time.GetUtcNow().AddMinutes(-6));

        (await commands.HandleAsync(tampered, timestamp, signature)).StatusCode.Should().Be(401);
        (await commands.HandleAsync(oldBody, oldTimestamp, oldSignature)).StatusCode.Should().Be(401);
        (await commands.HandleAsync(body, null, null)).StatusCode.Should().Be(401);

        logs.GetSnapshot().Should().HaveCount(3).And.OnlyContain(r => r.Level == LogLevel.Warning && !r.Message.Contains("Steal", StringComparison.Ordinal) && r.Message.Contains("body not logged", StringComparison.Ordinal));
    }

    [Test]
    public async Task Issue_show_new_and_search_answer_as_GitLab_does()
    {
        var (commands, issues, _, services) = Create();
        await using var _ = services;

        var shown = await AnswerAsync(commands, "acme/app issue show 12");
        var created = await AnswerAsync(commands, "acme/app issue new Refunds fail\nOn Sundays only.");
        var found = await AnswerAsync(commands, "acme/app issue search refund");
        var missing = await AnswerAsync(commands, "acme/app issue show 99");

        shown["response_type"]!.GetValue<string>().Should().Be("in_channel");
        shown["text"]!.GetValue<string>().Should().Be("*<https://forge.test/acme/app/-/issues/12|#12 Refunds &lt;fail&gt;>* · opened\nOn Sundays.");
        issues.Created.Should().Equal(("acme/app", "Refunds fail", "On Sundays only.", "ada"));
        created["text"]!.GetValue<string>().Should().Contain("ada opened issue").And.Contain("#13 Refunds fail");
        found["response_type"]!.GetValue<string>().Should().Be("ephemeral");
        found["text"]!.GetValue<string>().Split('\n').Should().HaveCount(11).And.EndWith("and 2 more");
        missing["text"]!.GetValue<string>().Should().Be("There is no issue #99 in acme/app, or you may not see it.");
    }

    [TestCase("help")]
    [TestCase("")]
    [TestCase("acme/app deploy now")]
    public async Task Help_and_unknown_commands_answer_with_the_command_list(string text)
    {
        var (commands, _, _, services) = Create();
        await using var _ = services;

        var answer = await AnswerAsync(commands, text);

        answer["response_type"]!.GetValue<string>().Should().Be("ephemeral");
        answer["text"]!.GetValue<string>().Should().Contain("/gitlab <project> issue show <id>");
        if (text.Contains("deploy", StringComparison.Ordinal))
        {
            answer["text"]!.GetValue<string>().Should().StartWith("I don't know \"acme/app deploy now\".");
        }
    }

    [Test]
    public async Task A_refusal_from_the_host_is_answered_privately()
    {
        var (commands, _, _, services) = Create();
        await using var _ = services;

        var answer = await AnswerAsync(commands, "acme/secret issue new Peek");

        answer["response_type"]!.GetValue<string>().Should().Be("ephemeral");
        answer["text"]!.GetValue<string>().Should().Be("You may not create issues in acme/secret.");
    }

    [Test]
    public void A_missing_signing_secret_fails_at_startup_naming_the_option()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIntegrations().AddSlackSlashCommands<Issues>(_ => { });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SlackSlashCommandOptions>>().Value;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*SigningSecret*");
    }

    [Test]
    public void The_verifier_accepts_Slacks_documented_example()
    {
        // Slack's "Verifying requests from Slack" example: secret, timestamp, body and the signature it documents.
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        var at = DateTimeOffset.FromUnixTimeSeconds(1531420618);

        var check = SlackRequestVerifier.Verify(Secret, "1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", Encoding.UTF8.GetBytes(body), at);

        check.IsValid.Should().BeTrue(check.Failure);
    }
}
