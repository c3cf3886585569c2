using System.Text.Json;
using Integrations.Persistence;
using Integrations.Serialization;
using Integrations.TestSupport;
using Integrations.Validation;

namespace Integrations.Core.Tests;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public class SecretsTests(DatabaseKind kind) : DatabaseTests(kind)
{
    private const string Token = "s3cret-token-value";
    private const string WebhookSecret = "B000/XXXXsecretpathXXXX";

    [Test]
    public async Task Secrets_are_encrypted_at_rest_and_decrypt_on_load()
    {
        await SaveAsync(NewTracker(IntegrationScope.Project(1)));

        var raw = (await Host.RawRowsAsync()).Single().Properties;
        raw.Should().NotContain(Token);
        using var stored = JsonDocument.Parse(raw);
        stored.RootElement.GetProperty("password").GetString().Should().StartWith("enc:v1:test-key:");
        stored.RootElement.GetProperty("username").GetString().Should().Be("bot", "only secrets are encrypted");

        (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!.Password.Should().Be(Token);
    }

    [Test]
    public async Task Fields_marked_secret_are_encrypted_like_passwords()
    {
        var chat = NewChat(IntegrationScope.Project(1), "#dev");
        chat.Webhook = "https://hooks.example.test/services/T000/" + WebhookSecret;
        await SaveAsync(chat);

        (await Host.RawRowsAsync()).Single().Properties.Should().NotContain(WebhookSecret);
        (await FindAsync<ChatIntegration>(IntegrationScope.Project(1)))!.Webhook.Should().EndWith(WebhookSecret);
    }

    [Test]
    public async Task Urls_that_expose_secrets_are_encrypted_at_rest_with_their_credentials()
    {
        var tracker = NewTracker(IntegrationScope.Project(1));
        tracker.Url = "https://ci-bot:url-pass-7731@tracker.example.test/api?token=query-token-5521";
        await SaveAsync(tracker);

        var raw = (await Host.RawRowsAsync()).Single().Properties;
        raw.Should().NotContain("url-pass-7731").And.NotContain("query-token-5521").And.NotContain("tracker.example.test");
        using (var stored = JsonDocument.Parse(raw))
        {
            stored.RootElement.GetProperty("url").GetString().Should().StartWith("enc:v1:test-key:");
        }

        (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!.Url.Should().Be(tracker.Url);
    }

    [Test]
    public async Task A_url_stored_in_plain_text_before_it_was_encrypted_still_loads_and_is_encrypted_on_the_next_save()
    {
        await SaveAsync(NewTracker(IntegrationScope.Project(1)));
        const string OldUrl = "https://ci-bot:legacy-pass-4410@tracker.example.test";
        var old = System.Text.Json.Nodes.JsonNode.Parse((await Host.RawRowsAsync()).Single().Properties)!;
        old["url"] = OldUrl;
        var json = old.ToJsonString().Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal); // ExecuteSqlRaw formats
        await Host.ExecuteSqlAsync($"UPDATE integrations SET properties = '{json}' WHERE type = 'tracker'");
        (await Host.RawRowsAsync()).Single().Properties.Should().Contain("legacy-pass-4410", "the row is as an earlier version wrote it");

        var loaded = (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!;
        loaded.Url.Should().Be(OldUrl);
        loaded.Password.Should().Be(Token, "the secrets next to it still decrypt");

        loaded.ProjectKey = "OPS2";
        await SaveAsync(loaded);
        (await Host.RawRowsAsync()).Single().Properties.Should().NotContain("legacy-pass-4410");
        (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!.Url.Should().Be(OldUrl);
    }

    [Test]
    public async Task Keys_rotate_old_values_still_decrypt_and_new_saves_use_the_active_key()
    {
        await SaveAsync(NewTracker(IntegrationScope.Project(1)));
        var oldKey = Host.Key;
        var newKey = TestKeys.NewBase64Key();

        await using var during = await IntegrationsTestHost.StartAsync(Kind, Configure, o =>
        {
            o.Encryption.Keys.Clear();
            o.Encryption.AddKey("test-key", oldKey).AddKey("new", newKey).ActiveKeyId = "new";
        }, Host.Database);
        var loaded = (await during.ScopeAsync(sp => GetStore(sp).FindAsync<TrackerIntegration>(IntegrationScope.Project(1))))!;
        loaded.Password.Should().Be(Token);
        loaded.Username = "bot2";
        await during.ScopeAsync(sp => GetStore(sp).SaveAsync(loaded));
        (await during.RawRowsAsync()).Single().Properties.Should().Contain("enc:v1:new:");

        await using var after = await IntegrationsTestHost.StartAsync(Kind, Configure, o =>
        {
            o.Encryption.Keys.Clear();
            o.Encryption.AddKey("new", newKey);
        }, Host.Database);
        (await after.ScopeAsync(sp => GetStore(sp).FindAsync<TrackerIntegration>(IntegrationScope.Project(1))))!.Password.Should().Be(Token);
    }

    [Test]
    public async Task A_secret_copied_into_another_row_does_not_decrypt_and_the_row_is_reported_broken()
    {
        await SaveAsync(NewTracker(IntegrationScope.Project(1)));
        var other = NewTracker(IntegrationScope.Project(2));
        other.Password = "another-secret-1";
        await SaveAsync(other);
        var rows = await Host.RawRowsAsync();
        var stolen = JsonDocument.Parse(rows.Single(r => r.ScopeId == "1").Properties).RootElement.GetProperty("password").GetString();
        await Host.ExecuteSqlAsync(
            $"UPDATE integrations SET properties = REPLACE(properties, '{JsonDocument.Parse(rows.Single(r => r.ScopeId == "2").Properties).RootElement.GetProperty("password").GetString()}', '{stolen}') WHERE scope_id = '2'");

        var list = await WithStoreAsync(s => s.ListAsync(IntegrationScope.Project(2)));

        list.Items.Should().BeEmpty();
        list.Broken.Single().Reason.Should().Be("The secret 'password' cannot be decrypted: The value does not decrypt with key 'test-key': it was altered or belongs to another integration.");
    }

    [Test]
    public async Task A_missing_key_makes_only_that_row_broken()
    {
        await SaveAsync(NewTracker(IntegrationScope.Project(1)));
        await SaveAsync(NewChat(IntegrationScope.Project(1), "#dev"));
        await Host.ExecuteSqlAsync("UPDATE integrations SET properties = REPLACE(properties, 'enc:v1:test-key:', 'enc:v1:retired:') WHERE type = 'tracker'");

        var list = await WithStoreAsync(s => s.ListAsync(IntegrationScope.Project(1)));

        list.Items.Should().ContainSingle().Which.Should().BeOfType<ChatIntegration>();
        list.Broken.Single().Reason.Should().Contain("encrypted with key 'retired', which is not configured");
    }

    [Test]
    public async Task Secrets_never_appear_in_ToString_client_json_or_logs()
    {
        var tracker = NewTracker(IntegrationScope.Project(1));
        await SaveAsync(tracker);
        var chat = NewChat(IntegrationScope.Project(1), "#dev");
        chat.Webhook = "https://hooks.example.test/" + WebhookSecret;
        await SaveAsync(chat);

        tracker.ToString().Should().Be("tracker at project:1 (active): url=https://tracker.example.test, username=bot, password=************, project_key=OPS");
        chat.ToString().Should().NotContain(WebhookSecret);

        var json = IntegrationsJson.SerializeForClient(tracker);
        json.Should().NotContain(Token).And.Contain("\"password\":\"************\"");
        IntegrationsJson.SerializeForClient(chat).Should().NotContain(WebhookSecret);

        Host.Logs.GetSnapshot().Should().NotBeEmpty();
        Host.Logs.GetSnapshot().Should().NotContain(l => l.Message.Contains(Token) || l.Message.Contains(WebhookSecret));
    }

    [Test]
    public async Task An_unset_secret_is_null_in_the_client_view()
    {
        var tracker = NewTracker(IntegrationScope.Project(1));
        tracker.Password = null;

        var view = IntegrationSettingsView.From(tracker);

        view.Properties["password"].Should().BeNull();
        view.Properties["username"]!.Value.GetString().Should().Be("bot");
        await Task.CompletedTask;
    }

    [Test]
    public async Task Changing_a_url_without_reentering_secrets_clears_them()
    {
        await SaveAsync(NewTracker(IntegrationScope.Project(1), active: false));
        var loaded = (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!;

        loaded.Url = "https://attacker.example.test";
        await SaveAsync(loaded);

        var reloaded = (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!;
        reloaded.Password.Should().BeNull();
        reloaded.Url.Should().Be("https://attacker.example.test");
        Host.Logs.GetSnapshot().Should().Contain(l => l.Id.Id == 1004 && l.Message.Contains("'password'"));
    }

    [Test]
    public async Task Changing_a_url_of_an_active_integration_demands_the_secret_again()
    {
        await SaveAsync(NewTracker(IntegrationScope.Project(1)));
        var loaded = (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!;
        loaded.Url = "https://elsewhere.example.test";

        var save = () => SaveAsync(loaded);

        (await save.Should().ThrowAsync<IntegrationValidationException>()).Which.Errors["password"].Should().Equal("API token is required.");
        (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!.Password.Should().Be(Token, "nothing was written");
    }

    [Test]
    public async Task Secrets_entered_again_with_the_new_url_are_kept()
    {
        await SaveAsync(NewTracker(IntegrationScope.Project(1)));
        var loaded = (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!;

        loaded.ApplyFormValues(new Dictionary<string, string?> { ["url"] = "https://new.example.test", ["password"] = "brand-new-token" });
        await SaveAsync(loaded);

        (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!.Password.Should().Be("brand-new-token");
    }

    [Test]
    public async Task Changing_a_field_that_exposes_nothing_keeps_secrets()
    {
        await SaveAsync(NewTracker(IntegrationScope.Project(1)));
        var loaded = (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!;

        loaded.ApplyFormValues(new Dictionary<string, string?> { ["project_key"] = "WEB", ["password"] = SecretMask.Value });
        await SaveAsync(loaded);

        (await FindAsync<TrackerIntegration>(IntegrationScope.Project(1)))!.Password.Should().Be(Token);
    }

    private static IIntegrationStore GetStore(IServiceProvider services) =>
        (IIntegrationStore)services.GetService(typeof(IIntegrationStore))!;
}
