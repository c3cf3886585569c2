using Integrations.Conformance;
using Integrations.Fields;
using Integrations.TestSupport;

namespace Integrations.Core.Tests;

/// <summary>The store checks of the conformance helper, on a real database.</summary>
[TestFixture(DatabaseKind.Sqlite)]
public class StoredConformanceTests(DatabaseKind kind) : DatabaseTests(kind)
{
    /// <summary>A Discord-style provider: the webhook URL is the address and the credential at once.</summary>
    [IntegrationType("secret_url_chat")]
    public sealed class SecretUrlChat : Integration
    {
        public override string Description => "Posts to a webhook URL that carries its own token.";

        [Field(FieldType.Text, Title = "Webhook", Help = "The channel's webhook URL, which holds its token.", Required = true, IsUrl = true, IsSecret = true, ExposesSecrets = true)]
        public string? WebhookUrl { get => GetProperty<string>(); set => SetProperty(value); }

        public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(IntegrationResult.Success());
    }

    protected override void Configure(IIntegrationsBuilder builder) => builder.Add<SecretUrlChat>().Add<TrackerIntegration>();

    [Test]
    public async Task A_url_that_is_both_secret_and_exposing_passes_changing_it_is_re_entering_it()
    {
        var chat = new SecretUrlChat { Scope = IntegrationScope.Project(1), Active = true, WebhookUrl = "https://chat.example.test/api/webhooks/123/tok-9981" };

        var problems = await Host.ScopeAsync(sp => IntegrationConformance.CheckStoredAsync(sp, chat));

        problems.Should().BeEmpty();
    }

    [Test]
    public async Task A_url_that_exposes_secrets_must_not_be_stored_in_plain_text()
    {
        var problems = await Host.ScopeAsync(sp => IntegrationConformance.CheckStoredAsync(sp, NewTracker(IntegrationScope.Project(1))));

        problems.Should().BeEmpty("the tracker's URL is encrypted at rest like its password");
    }
}
