using Integrations.Events;
using Integrations.Persistence;
using Integrations.Providers.Webhook;
using Integrations.TestSupport;
using Integrations.Validation;
using Integrations.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.Tests.Webhook;

/// <summary>Bad input is refused at save with the field named, and nothing is stored.</summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class WebhookValidationTests(DatabaseKind kind) : ProviderTests(kind)
{
    private WebhookIntegration Hook(Action<WebhookIntegration> configure)
    {
        var hook = new WebhookIntegration { Scope = IntegrationScope.Project("app"), Active = true, Url = "https://hooks.example.test/in" };
        configure(hook);
        return hook;
    }

    private async Task<IReadOnlyList<string>> RefusedAsync(WebhookIntegration hook, string field)
    {
        var act = () => SaveAsync(hook);
        var refused = (await act.Should().ThrowAsync<IntegrationValidationException>()).Which;
        refused.Errors.Should().ContainKey(field);
        var stored = await Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationStore>().ListAsync(IntegrationScope.Project("app")));
        stored.Items.Should().BeEmpty("nothing is stored when the save is refused");
        return refused.Errors[field];
    }

    public static IEnumerable<TestCaseData> BadInput()
    {
        yield return Case("a URL that is not http", h => h.Url = "ftp://files.example.test/", "url", "http or https");
        yield return Case("a URL to the local network", h => h.Url = "http://10.1.2.3/hook", "url", "10.1.2.3");
        yield return Case("a URL variable without a value", h => h.Url = "https://hooks.example.test/{missing}", "url", "{missing}");
        yield return Case("21 URL variables", h => h.UrlVariables = Enumerable.Range(1, 21).ToDictionary(i => $"v{i}", i => "value"), "url_variables", "at most 20");
        yield return Case("a URL variable with a bad name", h => h.UrlVariables = new Dictionary<string, string> { ["1bad"] = "value" }, "url_variables", "'1bad'");
        yield return Case("21 custom headers", h => h.CustomHeaders = Enumerable.Range(1, 21).ToDictionary(i => $"X-H{i}", i => "value"), "custom_headers", "at most 20");
        yield return Case("a header name that is not a token", h => h.CustomHeaders = new Dictionary<string, string> { ["X Bad:Name"] = "v" }, "custom_headers", "'X Bad:Name'");
        yield return Case("a CR/LF in a header value", h => h.CustomHeaders = new Dictionary<string, string> { ["X-Ok"] = "a\r\nInjected: yes" }, "custom_headers", "line break");
        yield return Case("a line break in the token", h => h.Token = "abc\ndef", "token", "line break");
        yield return Case("a signing secret that is not whsec_", h => h.SigningSecret = "not-a-secret", "signing_secret", "whsec_");
        yield return Case("a GitHub-style signature without a secret", h => h.HubSignature = true, "hub_signature", "signing secret");
        yield return Case("an invalid branch regex", h => { h.BranchFilterStrategy = BranchFilterStrategy.Regex; h.PushEventsBranchFilter = "(unclosed"; }, "push_events_branch_filter", "regular expression");
        yield return Case("a template over 4,096 characters", h => h.CustomWebhookTemplate = "{\"a\": \"" + new string('x', 4100) + "\"}", "custom_webhook_template", "4096");
        yield return Case("a template that is not JSON after substitution", h => h.CustomWebhookTemplate = "{\"title\": {{object_kind}}}", "custom_webhook_template", "not valid JSON");
        yield return Case("a template pointing into an array", h => h.CustomWebhookTemplate = "{\"id\": \"{{commits.0.id}}\"}", "custom_webhook_template", "array");
        yield return Case("a template naming an object", h => h.CustomWebhookTemplate = "{\"p\": \"{{project}}\"}", "custom_webhook_template", "object");
        yield return Case("a timeout of zero", h => h.TimeoutSeconds = 0, "timeout_seconds", "at least 1");
    }

    private static TestCaseData Case(string name, Action<WebhookIntegration> configure, string field, string message) =>
        new TestCaseData(configure, field, message).SetArgDisplayNames(name);

    [TestCaseSource(nameof(BadInput))]
    public async Task Bad_input_is_refused_at_save_naming_the_field(Action<WebhookIntegration> configure, string field, string message)
    {
        var messages = await RefusedAsync(Hook(configure), field);
        string.Join(" ", messages).Should().Contain(message);
    }

    [Test]
    public async Task Changing_the_URL_without_re_entering_them_clears_the_token_signing_secret_variables_and_headers()
    {
        var hook = Hook(h =>
        {
            h.Url = "https://hooks.example.test/{key}";
            h.UrlVariables = new Dictionary<string, string> { ["key"] = "k-123456" };
            h.CustomHeaders = new Dictionary<string, string> { ["X-Auth"] = "h-123456" };
            h.Token = "t-123456";
            h.SigningSecret = WebhookSecret.Generate();
        });
        await SaveAsync(hook);

        var edited = await LoadAsync<WebhookIntegration>(hook.Id);
        edited.Active = false;
        edited.Url = "https://elsewhere.example.test/in";
        await SaveAsync(edited);

        var reloaded = await LoadAsync<WebhookIntegration>(hook.Id);
        reloaded.UrlVariables.Should().BeNull();
        reloaded.CustomHeaders.Should().BeNull();
        reloaded.Token.Should().BeNull();
        reloaded.SigningSecret.Should().BeNull();
    }

    [Test]
    public async Task Secrets_re_entered_with_the_new_URL_are_kept()
    {
        var hook = Hook(h => h.Token = "t-123456");
        await SaveAsync(hook);

        var edited = await LoadAsync<WebhookIntegration>(hook.Id);
        edited.ApplyFormValues(new Dictionary<string, string?> { ["url"] = "https://elsewhere.example.test/in", ["token"] = "t-654321" });
        await SaveAsync(edited);

        (await LoadAsync<WebhookIntegration>(hook.Id)).Token.Should().Be("t-654321");
    }

    [Test]
    public async Task A_form_posts_headers_as_lines_and_a_masked_value_keeps_the_stored_one()
    {
        var hook = Hook(h => h.CustomHeaders = new Dictionary<string, string> { ["X-Auth"] = "h-123456", ["X-Team"] = "platform" });
        await SaveAsync(hook);
        var view = Serialization.IntegrationsJson.SerializeForClient(await LoadAsync<WebhookIntegration>(hook.Id));
        view.Should().Contain("X-Auth").And.NotContain("h-123456").And.NotContain("platform");

        var edited = await LoadAsync<WebhookIntegration>(hook.Id);
        edited.ApplyFormValues(new Dictionary<string, string?> { ["custom_headers"] = $"X-Auth={SecretMask.Value}\nX-Team=infra\nX-New=fresh" });
        await SaveAsync(edited);

        (await LoadAsync<WebhookIntegration>(hook.Id)).CustomHeaders.Should().BeEquivalentTo(
            new Dictionary<string, string> { ["X-Auth"] = "h-123456", ["X-Team"] = "infra", ["X-New"] = "fresh" });
    }

    [Test]
    public void Every_event_kind_is_its_own_switch_in_forms()
    {
        var hook = Hook(_ => { });
        hook.EnabledEvents.Should().Be(IntegrationEvents.Push, "a new hook, as in GitLab, starts with push events only");

        hook.ApplyFormValues(new Dictionary<string, string?>
        {
            ["push_events"] = "false",
            ["tag_push_events"] = "true",
            ["merge_requests_events"] = "on",
            ["pipeline_events"] = "1",
            ["releases_events"] = "true",
        });

        hook.EnabledEvents.Should().Be(IntegrationEvents.TagPush | IntegrationEvents.MergeRequest | IntegrationEvents.Pipeline | IntegrationEvents.Release);
        hook.SupportedEvents.Should().Be(IntegrationEvents.All, "a webhook can subscribe to every event kind");
    }
}
