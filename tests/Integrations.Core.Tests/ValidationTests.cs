using FluentValidation.TestHelper;
using Integrations.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests;

public class ValidationTests
{
    private ServiceProvider _services = null!;

    [SetUp]
    public void BuildServices() => _services = ServicesWithoutDatabase.Build(
        b => b.Add<ChatIntegration>().Add<TrackerIntegration, TrackerValidator>().Add<DeployBoardIntegration>().Add<HookIntegration>(),
        o => o.ApprovedTypes = new HashSet<string> { "chat", "tracker", "deploy_board" });

    [TearDown]
    public void DisposeServices() => _services.Dispose();

    [Test]
    public async Task Required_fields_are_required_only_when_active()
    {
        var tracker = new TrackerIntegration { Scope = IntegrationScope.Project(1) };

        (await ValidateAsync(tracker)).IsValid.Should().BeTrue("an inactive integration may be saved incomplete");

        tracker.Active = true;
        var result = await ValidateAsync(tracker);
        result.Errors.Keys.Should().BeEquivalentTo("url", "username", "password");
        result.Errors["url"].Should().Equal("Web URL is required.");
    }

    [TestCase("ftp://tracker.example.test")]
    [TestCase("/relative/path")]
    [TestCase("javascript:alert(1)")]
    [TestCase("tracker.example.test")]
    public async Task Urls_must_be_absolute_http_or_https(string url)
    {
        var tracker = Valid();
        tracker.Url = url;

        (await ValidateAsync(tracker)).Errors["url"].Should().Equal("Web URL must be an absolute http or https URL.");
    }

    [Test]
    public async Task Select_values_must_be_among_the_choices()
    {
        var tracker = Valid();
        tracker.AuthType = "kerberos";

        (await ValidateAsync(tracker)).Errors["auth_type"].Should().Equal("Auth type must be one of: basic, bearer.");
    }

    [TestCase("0", "Timeout (seconds) must be at least 1.")]
    [TestCase("31", "Timeout (seconds) must be at most 30.")]
    [TestCase("soon", "Timeout (seconds) must be a number.")]
    public async Task Numbers_must_parse_and_be_within_range(string posted, string expected)
    {
        var chat = new ChatIntegration { Scope = IntegrationScope.Instance, Webhook = "https://hooks.example.test/x" };
        chat.ApplyFormValues(new Dictionary<string, string?> { ["timeout_seconds"] = posted });

        (await ValidateAsync(chat)).Errors["timeout_seconds"].Should().Equal(expected);
    }

    [Test]
    public async Task Enabled_events_must_be_supported_by_the_type()
    {
        var chat = new ChatIntegration { Scope = IntegrationScope.Instance, EnabledEvents = IntegrationEvents.Push | IntegrationEvents.Release | IntegrationEvents.Job };

        (await ValidateAsync(chat)).Errors["events"].Should().Equal("These events are not supported: job, release.");
    }

    [Test]
    public async Task The_types_own_validator_runs_after_the_field_rules_keyed_by_field_name()
    {
        var tracker = Valid();
        tracker.ProjectKey = "lower";

        (await ValidateAsync(tracker)).Errors["project_key"].Should().Equal("Project key must be upper-case letters and digits.");
    }

    [Test]
    public async Task Secret_values_never_appear_in_validation_messages()
    {
        var tracker = Valid();
        tracker.Password = "x1y2z";

        var result = await ValidateAsync(tracker);

        result.Errors["password"].Should().Equal("'************' is too short.");
        result.ToString().Should().NotContain("x1y2z");
    }

    [Test]
    public async Task A_type_that_is_not_approved_cannot_be_activated_but_can_be_kept_inactive()
    {
        var hook = new HookIntegration { Scope = IntegrationScope.Project(1), Url = "https://hook.example.test" };
        (await ValidateAsync(hook)).IsValid.Should().BeTrue();

        hook.Active = true;
        (await ValidateAsync(hook)).Errors["active"].Should().Equal(
            "The 'Hook' integration is not approved for use on this instance. An administrator can add 'hook' to the approved integrations.");
    }

    [Test]
    public async Task A_project_only_type_cannot_be_configured_for_a_group()
    {
        (await ValidateAsync(new DeployBoardIntegration { Scope = IntegrationScope.Group("g") })).Errors["scope"]
            .Should().Equal("The Deploy board integration cannot be configured at the group level.");
        (await ValidateAsync(new DeployBoardIntegration { Scope = IntegrationScope.Project("p") })).IsValid.Should().BeTrue();
    }

    [Test]
    public async Task The_instance_level_has_nothing_to_inherit()
    {
        var chat = new ChatIntegration { Scope = IntegrationScope.Instance, UseDefaultSettings = true };
        chat.InheritedFields.Add("webhook");

        var errors = (await ValidateAsync(chat)).Errors;

        errors["use_default_settings"].Should().Equal("The instance level has no default settings to inherit.");
        errors["inherited_fields"].Should().Equal("The instance level has no settings to inherit fields from.");
    }

    [Test]
    public async Task A_secret_cannot_be_inherited_while_the_url_it_is_sent_to_is_overridden()
    {
        var tracker = Valid();
        tracker.Scope = IntegrationScope.Project(1);
        tracker.Password = null;
        tracker.InheritedFields.Add("password");

        (await ValidateAsync(tracker)).Errors["password"].Should().Equal(
            "API token cannot be inherited while Web URL is set here: the inherited secret would be sent to an address its owner did not choose. Inherit Web URL too, or enter API token here.");

        tracker.InheritedFields.Add("url");
        tracker.Url = null;
        (await ValidateAsync(tracker)).IsValid.Should().BeTrue("inherited fields are validated where they are set");
    }

    [Test]
    public async Task Inheriting_an_unknown_field_is_an_error()
    {
        var chat = new ChatIntegration { Scope = IntegrationScope.Project(1), Webhook = "https://hooks.example.test/x" };
        chat.InheritedFields.Add("colour");

        (await ValidateAsync(chat)).Errors["inherited_fields"].Should().Equal("'colour' is not a field of this integration.");
    }

    [Test]
    public void Per_type_validators_can_be_unit_tested_with_FluentValidation_helpers()
    {
        var result = new TrackerValidator().TestValidate(new TrackerIntegration { ProjectKey = "bad key" });

        result.ShouldHaveValidationErrorFor(t => t.ProjectKey);
        result.ShouldNotHaveValidationErrorFor(t => t.Password);
    }

    private static TrackerIntegration Valid() => new()
    {
        Scope = IntegrationScope.Instance,
        Active = true,
        Url = "https://tracker.example.test",
        Username = "bot",
        Password = "long-enough-token",
    };

    private async Task<IntegrationValidationResult> ValidateAsync(Integration integration)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IIntegrationValidator>().ValidateAsync(integration);
    }
}
