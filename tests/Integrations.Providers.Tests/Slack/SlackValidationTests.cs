using Integrations.Providers.Slack;
using Integrations.TestSupport;
using Integrations.Validation;

namespace Integrations.Providers.Tests.Slack;

/// <summary>Slack settings refused at save, with the field named.</summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class SlackValidationTests(DatabaseKind kind) : ProviderTests(kind)
{
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> RefusedAsync(Action<SlackIntegration> configure)
    {
        var slack = new SlackIntegration { Scope = IntegrationScope.Project("app"), Active = true, Webhook = "https://hooks.example.test/services/T/B/X" };
        configure(slack);
        var act = () => SaveAsync(slack);
        return (await act.Should().ThrowAsync<IntegrationValidationException>()).Which.Errors;
    }

    [Test]
    public async Task More_than_ten_channels_for_an_event_are_refused()
    {
        var errors = await RefusedAsync(s => s.PushChannel = string.Join(',', Enumerable.Range(1, 11).Select(i => $"#c{i}")));

        errors["push_channel"].Should().ContainSingle().Which.Should().Be("Push channel cannot have more than 10 channels.");
    }

    [Test]
    public async Task Neither_a_webhook_nor_a_bot_token_and_a_token_that_is_not_a_bot_token_are_refused()
    {
        (await RefusedAsync(s => s.Webhook = null))["webhook"].Should().ContainSingle().Which.Should().Contain("unless a bot token is set");
        (await RefusedAsync(s => s.BotToken = "xoxp-user-token"))["bot_token"].Should().ContainSingle().Which.Should().Contain("xoxb-");
    }
}
