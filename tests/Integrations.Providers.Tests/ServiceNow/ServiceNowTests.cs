using System.Text.Json.Nodes;
using Integrations.Providers.ServiceNow;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.Tests.ServiceNow;

/// <summary>ServiceNow end to end against a stateful fake Table API: one change request per deployment, one incident per alert.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class ServiceNowTests(DatabaseKind kind) : ProviderTests(kind)
{
    private FakeServiceNow _servicenow = null!;

    protected override void ConfigureOptions(IntegrationsOptions options) => options.Network.DefaultTimeout = TimeSpan.FromSeconds(1);

    [SetUp]
    public void UseFakeServiceNow()
    {
        _servicenow = new FakeServiceNow();
        Receiver.Respond = _servicenow.Respond;
    }

    private ServiceNowIntegration ServiceNow(Action<ServiceNowIntegration>? configure = null)
    {
        var servicenow = new ServiceNowIntegration
        {
            Scope = IntegrationScope.Project("app"),
            Active = true,
            InstanceUrl = Receiver.BaseAddress.ToString(),
            Username = FakeServiceNow.User,
            Password = FakeServiceNow.Password,
            AssignmentGroup = "Change Management",
            Caller = "gitlab.integration",
            Category = "Software",
            ConfigurationItem = "billing-api",
        };
        configure?.Invoke(servicenow);
        return servicenow;
    }

    [Test]
    public async Task A_deployment_opens_one_change_request_and_its_success_closes_it_however_often_each_event_is_delivered()
    {
        await SaveAsync(ServiceNow());

        await DeliverAsync("app", ServiceNowEvents.Deployment("running"));
        await DeliverAsync("app", ServiceNowEvents.Deployment("running"));
        var open = _servicenow.Rows("change_request").Should().ContainSingle().Subject;
        open["state"]!.GetValue<string>().Should().Be("-5", "a new change request waits in New");
        open["correlation_id"]!.GetValue<string>().Should().Be("forge.example.test/platform/billing-api/-/deployments/15");
        open["short_description"]!.GetValue<string>().Should().Be("Deploy platform/billing-api 279484c0 to production");
        open["description"]!.GetValue<string>().Should().Contain("Environment: production").And.Contain("Ref: main").And.Contain("279484c0 Round half to even")
            .And.Contain("Deployed by: Ada Lovelace (ada)");
        open["assignment_group"]!.GetValue<string>().Should().Be("Change Management");
        open["requested_by"]!.GetValue<string>().Should().Be("gitlab.integration");
        open["cmdb_ci"]!.GetValue<string>().Should().Be("billing-api");
        open["type"]!.GetValue<string>().Should().Be("normal");

        await DeliverAsync("app", ServiceNowEvents.Deployment("success"));
        await DeliverAsync("app", ServiceNowEvents.Deployment("success"));

        var closed = _servicenow.Rows("change_request").Should().ContainSingle().Subject;
        closed["state"]!.GetValue<string>().Should().Be(ServiceNowChanges.ClosedState);
        closed["close_code"]!.GetValue<string>().Should().Be("successful");
        closed["close_notes"]!.GetValue<string>().Should().Contain("Deployment 15").And.Contain("succeeded");
        closed["sys_mod_count"]!.GetValue<int>().Should().Be(1, "the repeated success changed nothing");
    }

    [TestCase("failed", "3", "unsuccessful")]
    [TestCase("canceled", "4", null)]
    public async Task A_deployment_that_ends_badly_closes_its_change_request_with_that_outcome(string status, string state, string? closeCode)
    {
        await SaveAsync(ServiceNow());
        await DeliverAsync("app", ServiceNowEvents.Deployment("running"));

        await DeliverAsync("app", ServiceNowEvents.Deployment(status));

        var row = _servicenow.Rows("change_request").Should().ContainSingle().Subject;
        row["state"]!.GetValue<string>().Should().Be(state);
        ((string?)row["close_code"]).Should().Be(closeCode);
        row["close_notes"]!.GetValue<string>().Should().Contain(status == "failed" ? "failed" : "was canceled");
    }

    [Test]
    public async Task Deployments_to_tiers_not_listed_open_no_change_request()
    {
        await SaveAsync(ServiceNow(s => s.ChangeEnvironmentTiers = ["production"]));

        var deliveries = await DeliverAsync("app", ServiceNowEvents.Deployment("running", id: 16, tier: "development"));

        _servicenow.Rows("change_request").Should().BeEmpty();
        _servicenow.Calls.Should().BeEmpty("nothing is sent");
        (await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Succeeded)).LastError.Should().BeNull();
    }

    [Test]
    public async Task An_alert_opens_one_incident_rated_by_its_severity_and_resolving_it_resolves_the_incident()
    {
        await SaveAsync(ServiceNow());

        await DeliverAsync("app", ServiceNowEvents.Alert("triggered", "critical"));
        await DeliverAsync("app", ServiceNowEvents.Alert("triggered", "critical"));
        var incident = _servicenow.Rows("incident").Should().ContainSingle().Subject;
        incident["urgency"]!.GetValue<string>().Should().Be("1");
        incident["impact"]!.GetValue<string>().Should().Be("1");
        incident["caller_id"]!.GetValue<string>().Should().Be("gitlab.integration");
        incident["correlation_id"]!.GetValue<string>().Should().Be("forge.example.test/platform/billing-api/-/alert_management/7/details");

        await DeliverAsync("app", ServiceNowEvents.Alert("resolved", "critical"));
        await DeliverAsync("app", ServiceNowEvents.Alert("resolved", "critical"));

        var resolved = _servicenow.Rows("incident").Should().ContainSingle().Subject;
        resolved["state"]!.GetValue<string>().Should().Be(ServiceNowIncidents.ResolvedState);
        resolved["close_code"]!.GetValue<string>().Should().Be("Solution provided");
        resolved["close_notes"]!.GetValue<string>().Should().Contain("resolved in GitLab");
        resolved["sys_mod_count"]!.GetValue<int>().Should().Be(1, "the repeated resolution changed nothing");
    }

    [Test]
    public async Task The_same_alert_delivered_four_times_at_once_opens_one_incident()
    {
        await SaveAsync(ServiceNow());
        var deliveries = new List<Dispatch.EnqueuedDelivery>();
        for (var i = 0; i < 4; i++)
        {
            deliveries.AddRange(await DispatchAsync("app", ServiceNowEvents.Alert("triggered")));
        }

        await Host.StartWorkersAsync();
        foreach (var delivery in deliveries)
        {
            // Each either opened or found the incident, or lost the claim to a concurrent attempt and waits to look again.
            await Host.WaitForDeliveryAsync(delivery.DeliveryId, d => d.Status == DeliveryStatus.Succeeded || (d.Status == DeliveryStatus.Pending && d.Attempts == 1),
                "the first attempt ended");
        }

        Host.AdvanceClock(TimeSpan.FromMinutes(1));
        foreach (var delivery in deliveries)
        {
            await Host.WaitForDeliveryAsync(delivery.DeliveryId, d => d.Status == DeliveryStatus.Succeeded, "every attempt found the one incident");
        }

        _servicenow.Rows("incident").Should().ContainSingle();
    }

    [TestCase("critical", 1, 1)]
    [TestCase("high", 1, 2)]
    [TestCase("medium", 2, 2)]
    [TestCase("low", 2, 3)]
    [TestCase("info", 3, 3)]
    [TestCase("unknown", 3, 3)]
    public void Alert_severity_sets_urgency_and_impact(string severity, int urgency, int impact) =>
        ServiceNowIncidents.Rate(severity).Should().Be((urgency, impact));

    [Test]
    public async Task An_insert_whose_answer_times_out_is_found_by_its_correlation_on_retry_and_not_created_twice()
    {
        await SaveAsync(ServiceNow());
        _servicenow.SlowNextInsert = TimeSpan.FromSeconds(3); // stored at once, answered after the 1 s timeout

        var deliveries = await DispatchAsync("app", ServiceNowEvents.Alert("triggered"));
        await Host.StartWorkersAsync();
        var id = deliveries.Single().DeliveryId;
        await _servicenow.SlowAnswerStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Host.AdvanceClock(TimeSpan.FromSeconds(1)); // the 1 s timeout runs on the test's clock
        await Host.WaitForDeliveryAsync(id, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "the first attempt timed out");
        Host.AdvanceClock(TimeSpan.FromMinutes(5));
        await Host.WaitForStatusAsync(id, DeliveryStatus.Succeeded, attempts: 2);

        _servicenow.Rows("incident").Should().ContainSingle("the retry found the incident by its correlation_id");
    }

    [Test]
    public async Task OAuth_tokens_are_cached_and_fetched_again_once_when_ServiceNow_refuses_one()
    {
        await SaveAsync(ServiceNow(s =>
        {
            s.Authentication = ServiceNowAuthentication.ClientCredentials;
            s.Username = null;
            s.Password = null;
            s.ClientId = FakeServiceNow.ClientId;
            s.ClientSecret = FakeServiceNow.ClientSecret;
        }));

        await DeliverAsync("app", ServiceNowEvents.Alert("triggered", iid: 1));
        await DeliverAsync("app", ServiceNowEvents.Alert("triggered", iid: 2));
        _servicenow.TokensIssued.Should().Be(1, "the token is kept until it expires");

        _servicenow.RevokeTokens();
        await DeliverAsync("app", ServiceNowEvents.Alert("triggered", iid: 3));

        _servicenow.TokensIssued.Should().Be(2, "a 401 fetches a new token once");
        _servicenow.Rows("incident").Should().HaveCount(3);
    }

    [Test]
    public async Task A_refused_write_fails_with_ServiceNows_error_envelope_and_a_rate_limit_waits_for_Retry_After()
    {
        await SaveAsync(ServiceNow());
        _servicenow.Denied.Add("incident");

        var refused = await DispatchAsync("app", ServiceNowEvents.Alert("triggered"));
        await Host.StartWorkersAsync();
        var dead = await Host.WaitForStatusAsync(refused[0].DeliveryId, DeliveryStatus.Dead, attempts: 1);
        dead.LastError.Should().Contain("403").And.Contain("incident").And.Contain("ServiceNow says: User Not Authorized");

        _servicenow.Denied.Clear();
        _servicenow.Failure = (429, "120");
        var throttled = await DispatchAsync("app", ServiceNowEvents.Deployment("running"));
        var held = await Host.WaitForDeliveryAsync(throttled[0].DeliveryId, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "ServiceNow asked it to wait");
        held.NextAttemptAt.Should().BeCloseTo(Host.Time.GetUtcNow().AddSeconds(120), TimeSpan.FromSeconds(2));
        held.LastError.Should().Contain("rate limit").And.Contain("Rate limit exceeded");

        _servicenow.Failure = null;
        Host.AdvanceClock(TimeSpan.FromSeconds(121));
        await Host.WaitForStatusAsync(throttled[0].DeliveryId, DeliveryStatus.Succeeded, attempts: 2);
        _servicenow.Rows("change_request").Should().ContainSingle();
    }

    [Test]
    public async Task Test_settings_reads_each_table_it_uses()
    {
        var result = await TestSettingsAsync(ServiceNow());

        result.Result.Succeeded.Should().BeTrue(result.Result.Message);
        result.Result.Message.Should().EndWith("change_request and incident can be read.");
        _servicenow.Calls.Should().Contain(c => c.StartsWith("GET /api/now/table/incident?sysparm_limit=1", StringComparison.Ordinal));
        _servicenow.Rows("incident").Should().BeEmpty("test settings writes nothing");
    }

    [Test]
    public async Task Test_settings_says_clearly_what_is_wrong()
    {
        (await TestSettingsAsync(ServiceNow(s => s.Password = "wrong"))).Result.Message.Should().Contain("refused the credentials (401)");

        _servicenow.Denied.Add("change_request");
        (await TestSettingsAsync(ServiceNow())).Result.Message.Should().Contain("refused access to change_request (403)").And.Contain("itil");
        _servicenow.Denied.Clear();

        _servicenow.Tables.Remove("incident");
        (await TestSettingsAsync(ServiceNow())).Result.Message.Should().Contain("The table incident does not exist");

        var oauth = await TestSettingsAsync(ServiceNow(s =>
        {
            s.Authentication = ServiceNowAuthentication.ClientCredentials;
            s.ClientId = FakeServiceNow.ClientId;
            s.ClientSecret = "not-the-secret";
        }));
        oauth.Result.Message.Should().Contain("refused the OAuth client credentials").And.Contain("access_denied");
    }

    [Test]
    public async Task Settings_name_the_missing_credentials_of_the_chosen_sign_in()
    {
        var basic = async () => await SaveAsync(ServiceNow(s => s.Username = null));
        (await basic.Should().ThrowAsync<Validation.IntegrationValidationException>()).Which.Errors["username"].Should().ContainSingle()
            .Which.Should().Contain("Basic");

        var oauth = async () => await SaveAsync(ServiceNow(s => s.Authentication = ServiceNowAuthentication.ClientCredentials));
        var errors = (await oauth.Should().ThrowAsync<Validation.IntegrationValidationException>()).Which.Errors;
        errors.Keys.Should().Contain(["client_id", "client_secret"]);

        var tiers = async () => await SaveAsync(ServiceNow(s => s.ChangeEnvironmentTiers = ["prod"]));
        (await tiers.Should().ThrowAsync<Validation.IntegrationValidationException>()).Which.Errors.Values.SelectMany(e => e)
            .Should().Contain(e => e.Contains("'prod' is not an environment tier", StringComparison.Ordinal));
    }

    [Test]
    public void Correlation_ids_fit_ServiceNows_hundred_characters()
    {
        var deployment = ServiceNowEvents.Deployment("running");
        var alert = new Events.Payloads.AlertEvent
        {
            ObjectAttributes = ServiceNowEvents.Alert("triggered").ObjectAttributes with { Url = "https://forge.example.test/" + new string('a', 120) + "/-/alert_management/1/details" },
        };

        ServiceNowCorrelation.For(deployment).Should().Be("forge.example.test/platform/billing-api/-/deployments/15");
        ServiceNowCorrelation.For(alert).Should().StartWith("gitlab:sha256:").And.HaveLength(14 + 64);
        ServiceNowCorrelation.For(alert).Length.Should().BeLessThanOrEqualTo(ServiceNowCorrelation.MaxLength);
    }

    [Test]
    public void The_request_body_never_carries_secrets()
    {
        var fields = ServiceNowChanges.Fields(ServiceNow(), ServiceNowEvents.Deployment("running"));

        fields.ToJsonString().Should().NotContain(FakeServiceNow.Password);
        fields.Should().NotContainKey("correlation_id", "the record finder adds it");
        _ = JsonNode.Parse(fields.ToJsonString());
    }
}
