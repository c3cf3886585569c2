using Integrations.Fields;
using Integrations.Forms;
using Integrations.Health;
using Integrations.Inheritance;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests;

/// <summary>The settings form and the catalog status a host renders, generated from field metadata.</summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class FormTests(DatabaseKind kind) : DatabaseTests(kind)
{
    private readonly TestHierarchy _hierarchy = new();

    protected override void Configure(IIntegrationsBuilder builder)
    {
        base.Configure(builder);
        _hierarchy.ProjectGroup["app"] = "platform";
        builder.UseScopeHierarchy(_hierarchy);
    }

    [Test]
    public void A_form_groups_fields_by_section_and_never_carries_a_secret()
    {
        var tracker = NewTracker(IntegrationScope.Project("app"));

        var form = IntegrationForm.Build(tracker);

        form.Sections.Select(s => s.Title).Should().Equal("Connection details", "Configuration");
        var token = form.AllFields.Single(f => f.Name == "password");
        token.Value.Should().BeNull();
        token.HasSecretValue.Should().BeTrue();
        token.Label.Should().Be("Enter new API token");
        token.Help.Should().Be("Leave blank to use your current token.");
        token.InputId.Should().Be("field-password");
        form.AllFields.Single(f => f.Name == "project_key").Value.Should().Be("OPS");
        form.ToString().Should().NotContain("s3cret-token-value");
        System.Text.Json.JsonSerializer.Serialize(form.AllFields.Select(f => f.Value)).Should().NotContain("s3cret-token-value");
    }

    [Test]
    public void Values_show_as_their_controls_need_them_and_secrets_in_urls_are_masked()
    {
        var chat = NewChat(IntegrationScope.Project("app"), "#dev");
        chat.Webhook = "https://hooks.example.test/services?token=abc123";
        chat.Labels = ["bug", "security"];
        chat.NotifyOnlyBrokenPipelines = false;
        chat.TimeoutSeconds = 12;

        var fields = IntegrationForm.Build(chat).AllFields.ToDictionary(f => f.Name);

        fields["labels"].Value.Should().Be("bug, security");
        fields["notify_only_broken_pipelines"].Value.Should().Be("false");
        fields["timeout_seconds"].Value.Should().Be("12");
        fields["branches_to_be_notified"].Value.Should().Be("default");
        fields["branches_to_be_notified"].Choices.Select(c => c.Value).Should().Contain("default_and_protected");
        fields["webhook"].Value.Should().NotContain("abc123", "a secret in a URL is masked");
    }

    [Test]
    public void Events_are_checkboxes_in_supported_order_with_GitLabs_names()
    {
        var chat = NewChat(IntegrationScope.Project("app"), "#dev");
        chat.EnabledEvents = IntegrationEvents.Issue;

        var form = IntegrationForm.Build(chat);

        form.Events.Select(e => (e.Name, e.Label, e.Enabled)).Should().Equal(("push_events", "Push", false), ("issues_events", "Issue", true), ("pipeline_events", "Pipeline", false));
    }

    [Test]
    public void Validation_errors_sit_beside_their_fields_and_the_rest_above_the_form()
    {
        var tracker = NewTracker(IntegrationScope.Project("app"));
        var errors = new Dictionary<string, IReadOnlyList<string>>
        {
            ["project_key"] = ["Project key must be upper-case letters and digits."],
            ["version"] = ["Someone else saved these settings."],
        };

        var form = IntegrationForm.Build(tracker, errors: errors);

        form.AllFields.Single(f => f.Name == "project_key").Errors.Should().ContainSingle().Which.Should().Contain("upper-case");
        form.FormErrors.Should().Equal("version: Someone else saved these settings.");
    }

    [Test]
    public async Task An_inherited_field_says_where_its_value_comes_from()
    {
        await SaveAsync(NewTracker(IntegrationScope.Group("platform")));
        var project = NewTracker(IntegrationScope.Project("app"));
        project.Url = null;
        project.InheritedFields.Add("url");

        var preview = await Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationResolver>().PreviewAsync(project));
        var form = IntegrationForm.Build(project, preview);

        var url = form.AllFields.Single(f => f.Name == "url");
        url.InheritedFrom.Should().Be(IntegrationScope.Group("platform"));
        url.CanInherit.Should().BeTrue();
        form.AllFields.Single(f => f.Name == "username").InheritedFrom.Should().BeNull("the project sets its own");
        form.CanUseDefaultSettings.Should().BeTrue();
        IntegrationForm.Build(NewTracker(IntegrationScope.Instance)).CanUseDefaultSettings.Should().BeFalse("the instance has nothing above it");
    }

    [Test]
    public async Task The_overview_lists_each_type_with_its_setup_and_where_it_is_inherited_from()
    {
        await SaveAsync(NewTracker(IntegrationScope.Group("platform")));
        await SaveAsync(NewChat(IntegrationScope.Project("app"), "#dev", active: false));

        var overview = await Host.ScopeAsync(sp => sp.GetRequiredService<IntegrationOverview>().ListAsync(IntegrationScope.Project("app")));

        var byType = overview.ToDictionary(s => s.Type);
        byType.Keys.Should().Contain(["chat", "tracker", "deploy_board"]).And.NotContain("hook", "webhooks have their own page");
        byType["tracker"].SetupText.Should().Be("Active, inherited from group platform");
        byType["chat"].SetupText.Should().Be("Inactive");
        byType["deploy_board"].SetupText.Should().Be("Not configured");
        byType["tracker"].HealthText.Should().Be("No deliveries yet");
        byType["deploy_board"].HealthText.Should().BeNull();

        var searched = await Host.ScopeAsync(sp => sp.GetRequiredService<IntegrationOverview>().ListAsync(IntegrationScope.Group("platform"), "TRACK"));
        searched.Select(s => s.Type).Should().Equal("tracker");
    }

    [Test]
    public async Task A_type_that_allows_several_per_scope_is_summarised_per_integration_with_its_health()
    {
        var own = new HookIntegration { Scope = IntegrationScope.Project("app"), Active = true, Url = "https://hooks.example.test/own" };
        var inherited = new HookIntegration { Scope = IntegrationScope.Group("platform"), Active = true, Url = "https://hooks.example.test/group" };
        await SaveAsync(own);
        await SaveAsync(inherited);

        var hooks = await Host.ScopeAsync(sp => sp.GetRequiredService<IntegrationOverview>().ListEachAsync(IntegrationScope.Project("app"), "hook"));

        hooks.Select(h => h.IntegrationId).Should().BeEquivalentTo([own.Id, inherited.Id]);
        hooks.Single(h => h.IntegrationId == own.Id).SetupText.Should().Be("Active");
        hooks.Single(h => h.IntegrationId == inherited.Id).SetupText.Should().Be("Active, inherited from group platform");
        hooks.Should().OnlyContain(h => h.HealthText == "No deliveries yet");
        (await Host.ScopeAsync(sp => sp.GetRequiredService<IntegrationOverview>().ListEachAsync(IntegrationScope.Project("other"), "hook"))).Should().BeEmpty();
    }

    [Test]
    public void A_disabled_integration_gets_a_banner_with_the_reason_and_how_it_heals()
    {
        var entry = new Registry.IntegrationCatalogEntry { Slug = "chat", Title = "Chat", Description = "Posts to chat.", Fields = [], Levels = [], SupportedEvents = [], DefaultEvents = [] };
        var at = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
        IntegrationStatusSummary Summary(IntegrationHealth health) => new()
        {
            Entry = entry, Scope = IntegrationScope.Project("app"), Setup = IntegrationSetup.Active, DefinedAt = IntegrationScope.Project("app"), Health = health,
        };

        var paused = Summary(new IntegrationHealth(Guid.NewGuid(), IntegrationHealthStatus.TemporarilyDisabled, 5, at, at, null, "HTTP 500"));
        var stopped = Summary(new IntegrationHealth(Guid.NewGuid(), IntegrationHealthStatus.PermanentlyDisabled, 40, null, at, at.AddDays(-3), "HTTP 410"));
        var fine = Summary(new IntegrationHealth(Guid.NewGuid(), IntegrationHealthStatus.Healthy, 0, null, null, at, null));

        paused.HealthText.Should().Be("Disabled until 2026-12-02 09:30 UTC");
        paused.Banner.Should().Contain("5 failures in a row").And.Contain("HTTP 500").And.Contain("resume on their own");
        stopped.Banner.Should().Contain("stopped").And.Contain("HTTP 410").And.Contain("Test settings");
        stopped.LastDeliveryAt.Should().Be(at);
        fine.Banner.Should().BeNull();
        fine.HealthText.Should().Be("Healthy");
    }
}
