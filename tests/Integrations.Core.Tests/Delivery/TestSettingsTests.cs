using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Events;
using Integrations.Events.Payloads;
using Integrations.Fields;
using Integrations.Health;
using Integrations.TestSettings;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Delivery;

/// <summary>"Test settings": realistic events, the effective settings being edited, and re-enabling only what was tested.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public class TestSettingsTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    protected override void Configure(IIntegrationsBuilder builder)
    {
        base.Configure(builder);
        builder.Add<RelayIntegration>();
    }

    private Task<IntegrationTestResult> TestAsync(Integration integration, IntegrationEvents kind = IntegrationEvents.Issue) =>
        Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationTester>().TestAsync(integration, kind));

    private async Task<RelayIntegration> SaveRelayAsync(IntegrationScope scope, Action<RelayIntegration> configure)
    {
        var relay = new RelayIntegration { Scope = scope, Active = true };
        configure(relay);
        await SaveAsync(relay);
        return (await FindAsync<RelayIntegration>(scope))!;
    }

    [Test]
    public async Task The_test_event_is_the_typed_sample_that_an_integration_reading_the_payload_can_use()
    {
        var relay = new RelayIntegration { Scope = IntegrationScope.Project(1), Url = Receiver.Url("relay").ToString(), Username = "bot" };

        var test = await TestAsync(relay, IntegrationEvents.Issue);

        test.Result.Succeeded.Should().BeTrue(test.Result.Message);
        using var body = JsonDocument.Parse(Receiver.Requests.Single().Body);
        body.RootElement.GetProperty("title").GetString().Should().Be(SampleEvents.Issue().ObjectAttributes.Title);
        body.RootElement.GetProperty("project_id").ValueKind.Should().Be(JsonValueKind.Number);
    }

    [Test]
    public async Task A_caller_may_test_with_an_event_of_its_own()
    {
        var relay = new RelayIntegration { Scope = IntegrationScope.Project(1), Url = Receiver.Url("relay").ToString() };
        var issue = SampleEvents.Issue();
        var own = new IssueEvent { User = issue.User, Project = issue.Project, ObjectAttributes = issue.ObjectAttributes with { Title = "Our latest issue" } };

        var test = await Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationTester>().TestAsync(relay, own));

        test.Result.Succeeded.Should().BeTrue(test.Result.Message);
        Receiver.Requests.Single().BodyText.Should().Contain("Our latest issue");
    }

    [Test]
    public async Task A_project_row_that_inherits_fields_is_tested_with_the_inherited_values()
    {
        await SaveRelayAsync(IntegrationScope.Instance, r => { r.Url = Receiver.Url("from-instance").ToString(); r.Username = "instance-bot"; });
        var project = new RelayIntegration { Scope = IntegrationScope.Project(1), Active = true, Channel = "#billing" };
        project.InheritedFields.UnionWith(["url", "username"]);

        var test = await TestAsync(project, IntegrationEvents.Issue);

        test.Result.Succeeded.Should().BeTrue(test.Result.Message);
        var received = Receiver.Requests.Single();
        received.PathAndQuery.Should().Be("/from-instance");
        using var body = JsonDocument.Parse(received.Body);
        body.RootElement.GetProperty("username").GetString().Should().Be("instance-bot");
        body.RootElement.GetProperty("channel").GetString().Should().Be("#billing");
    }

    [Test]
    public async Task A_successful_test_of_edited_values_does_not_re_enable_the_saved_integration()
    {
        var saved = await SaveRelayAsync(IntegrationScope.Project(1), r => r.Url = Receiver.Url("gone").ToString());
        RespondWith(410);
        await Host.StartWorkersAsync();
        await WaitForStatusAsync((await DispatchAsync("1", SampleEvents.Issue())).Single().DeliveryId, DeliveryStatus.Dead);
        (await LogAsync(log => log.GetHealthAsync(saved.Id))).Status.Should().Be(IntegrationHealthStatus.PermanentlyDisabled);

        RespondWith(200);
        saved.Username = "someone-else";
        (await TestAsync(saved)).Result.Succeeded.Should().BeTrue();
        (await LogAsync(log => log.GetHealthAsync(saved.Id))).Status.Should().Be(IntegrationHealthStatus.PermanentlyDisabled, "the values tested are not the ones deliveries use");

        var unchanged = (await FindAsync<RelayIntegration>(IntegrationScope.Project(1)))!;
        (await TestAsync(unchanged)).Result.Succeeded.Should().BeTrue();
        var health = await LogAsync(log => log.GetHealthAsync(saved.Id));
        health.Status.Should().Be(IntegrationHealthStatus.Healthy, "the saved settings were tested");
        health.LastSuccessAt.Should().Be(Host.Time.GetUtcNow(), "the test's success is the last success");
    }

    [Test]
    public async Task After_a_reset_the_last_success_is_that_of_the_latest_successful_delivery()
    {
        var saved = await SaveRelayAsync(IntegrationScope.Project(1), r => r.Url = Receiver.Url("gone").ToString());
        RespondWith(410);
        await Host.StartWorkersAsync();
        await WaitForStatusAsync((await DispatchAsync("1", SampleEvents.Issue())).Single().DeliveryId, DeliveryStatus.Dead);
        RespondWith(200);
        saved.Username = "edited";
        await SaveAsync(saved); // an edit re-enables it

        AdvanceClock(TimeSpan.FromMinutes(1));
        await WaitForStatusAsync((await DispatchAsync("1", SampleEvents.Issue())).Single().DeliveryId, DeliveryStatus.Succeeded);

        var health = await LogAsync(log => log.GetHealthAsync(saved.Id));
        health.Status.Should().Be(IntegrationHealthStatus.Healthy);
        health.LastSuccessAt.Should().Be(Host.Time.GetUtcNow());
    }
}

/// <summary>A single-per-scope integration that reads the payload, as real ones do.</summary>
public sealed class RelayIntegration : Integration
{
    public override IntegrationEvents SupportedEvents => IntegrationEvents.Issue | IntegrationEvents.Push;

    [Field(FieldType.Text, Required = true, IsUrl = true, ExposesSecrets = true)]
    public string? Url { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Text)]
    public string? Username { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Text)]
    public string? Channel { get => GetProperty<string>(); set => SetProperty(value); }

    public override async Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
    {
        var attributes = context.Payload.GetProperty("object_attributes");
        var body = new
        {
            username = Username,
            channel = Channel,
            title = attributes.GetProperty("title").GetString(),
            project_id = context.Payload.GetProperty("project").GetProperty("id").GetInt64(),
        };
        using var response = await context.Http.PostAsJsonAsync(new Uri(Url!), body, cancellationToken);
        return IntegrationResult.FromHttpResponse(response, context.AttemptTime);
    }
}
