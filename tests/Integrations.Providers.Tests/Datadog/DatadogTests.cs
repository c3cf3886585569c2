using System.Text.Json;
using Integrations.Events;
using Integrations.Providers.Datadog;
using Integrations.TestSupport;
using Integrations.Validation;

namespace Integrations.Providers.Tests.Datadog;

/// <summary>Datadog's webhook intake and key check, at a local server that answers as Datadog documents.</summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class DatadogTests(DatabaseKind kind) : ProviderTests(kind)
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    private DatadogIntegration Datadog(Action<DatadogIntegration>? configure = null)
    {
        var datadog = new DatadogIntegration
        {
            Scope = IntegrationScope.Project("app"),
            Active = true,
            ApiUrl = Receiver.BaseAddress + "api/v2/webhook",
            ApiKey = Key,
            DatadogService = "forge",
            DatadogEnv = "ci",
            DatadogTags = "team:platform\n cost-center:42 ",
        };
        configure?.Invoke(datadog);
        return datadog;
    }

    [Test]
    public async Task A_pipeline_goes_to_the_intake_with_the_key_service_env_and_tags_and_the_key_stays_out_of_the_log()
    {
        Receiver.Respond = FakeDatadog.Validate(valid: true);
        await SaveAsync(Datadog());

        var deliveries = await DeliverAsync("app", SampleEvents.Pipeline());

        var request = Receiver.Requests.Single();
        request.PathAndQuery.Should().Be($"/api/v2/webhook?dd-api-key={Key}&service=forge&env=ci&tags=team%3Aplatform%2Ccost-center%3A42");
        request.Header("X-Gitlab-Event").Should().Be("Pipeline Hook");
        JsonDocument.Parse(request.Body).RootElement.GetProperty("object_kind").GetString().Should().Be("pipeline");
        var attempt = (await AttemptsAsync(deliveries[0].DeliveryId)).Single();
        attempt.RequestUrl.Should().NotContain(Key).And.Contain("service=forge");
    }

    [Test]
    public async Task Only_pipeline_and_job_events_are_sent()
    {
        await SaveAsync(Datadog());

        (await DispatchAsync("app", SampleEvents.Push())).Should().BeEmpty();
        (await DispatchAsync("app", SampleEvents.Job())).Should().ContainSingle();
    }

    [Test]
    public async Task Test_settings_checks_the_key_with_the_validate_endpoint()
    {
        Receiver.Respond = FakeDatadog.Validate(valid: true);

        var good = await TestSettingsAsync(Datadog());
        var bad = await TestSettingsAsync(Datadog(d => d.ApiKey = "wrongkey"));

        good.Result.Succeeded.Should().BeTrue(good.Result.Message);
        bad.Result.Succeeded.Should().BeFalse();
        bad.Result.Message.Should().Contain("403").And.Contain("API key");
        Receiver.Requests.Select(r => r.PathAndQuery).Should().AllBe("/api/v1/validate");
        bad.Attempt!.RequestHeaders["DD-API-KEY"].Should().NotContain("wrongkey");
    }

    [Test]
    public void The_site_decides_the_intake_and_validate_URLs_and_an_app_prefix_is_ignored()
    {
        var eu = new DatadogIntegration { DatadogSite = "app.datadoghq.eu", ApiKey = "k1" };
        eu.IntakeUrl().ToString().Should().Be("https://webhook-intake.datadoghq.eu/api/v2/webhook?dd-api-key=k1");
        eu.ValidateUrl().ToString().Should().Be("https://api.datadoghq.eu/api/v1/validate");
        new DatadogIntegration { ApiKey = "k1" }.IntakeUrl().Host.Should().Be("webhook-intake.datadoghq.com");
    }

    [TestCase("team platform", "datadog_tags")]
    [TestCase("team:", "datadog_tags")]
    public async Task Tags_that_are_not_key_value_are_refused_naming_the_line(string tags, string field)
    {
        var act = () => SaveAsync(Datadog(d => d.DatadogTags = "ok:1\n" + tags));

        var refused = (await act.Should().ThrowAsync<IntegrationValidationException>()).Which;
        refused.Errors[field].Should().ContainSingle().Which.Should().Contain($"'{tags.Trim()}'");
    }

    [Test]
    public async Task An_API_key_with_other_characters_and_a_site_that_is_not_a_host_name_are_refused()
    {
        var act = () => SaveAsync(Datadog(d =>
        {
            d.ApiKey = "abc-def";
            d.DatadogSite = "not a site";
        }));

        var refused = (await act.Should().ThrowAsync<IntegrationValidationException>()).Which;
        refused.Errors.Should().ContainKeys("api_key", "datadog_site");
    }
}
