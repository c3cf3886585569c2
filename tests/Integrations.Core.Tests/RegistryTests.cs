using System.Text.Json;
using Integrations.Registry;
using Integrations.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests;

public class RegistryTests
{
    [Test]
    public void Slug_comes_from_the_class_name_without_the_Integration_suffix()
    {
        new ChatIntegration().Type.Should().Be("chat");
        new DeployBoardIntegration().Type.Should().Be("deploy_board");
    }

    [Test]
    public void Slug_comes_from_the_attribute_when_present()
    {
        new TrackerIntegration().Type.Should().Be("tracker");
    }

    [Test]
    public void Registered_types_are_found_by_slug_class_and_legacy_names()
    {
        using var services = ServicesWithoutDatabase.Build(b => b.Add<ChatIntegration>().Add<TrackerIntegration>());
        var registry = services.GetRequiredService<IIntegrationRegistry>();

        registry.Get("chat").Type.Should().Be(typeof(ChatIntegration));
        registry.Get("ChatService").Slug.Should().Be("chat");
        registry.Get("Integrations::Chat").Slug.Should().Be("chat");
        registry.Get("OldTrackerService").Slug.Should().Be("tracker");
        registry.TryGet(typeof(TrackerIntegration), out var tracker).Should().BeTrue();
        tracker!.Fields.Should().HaveCount(5);
    }

    [Test]
    public void Registering_the_same_type_twice_is_harmless()
    {
        using var services = ServicesWithoutDatabase.Build(b => b.Add<ChatIntegration>().Add<ChatIntegration>());

        services.GetRequiredService<IIntegrationRegistry>().Types.Should().ContainSingle();
    }

    [Test]
    public void Duplicate_slugs_fail_at_startup_with_a_clear_error()
    {
        using var services = ServicesWithoutDatabase.Build(b => b.Add<ChatIntegration>().Add<OtherChatIntegration>());

        var startup = () => services.GetRequiredService<IStartupValidator>().Validate();

        startup.Should().Throw<OptionsValidationException>()
            .WithMessage("*slug 'chat' is used by Integrations.Core.Tests.ChatIntegration and Integrations.Core.Tests.OtherChatIntegration*");
    }

    [Test]
    public void Missing_encryption_key_fails_at_startup()
    {
        var services = new ServiceCollection();
        services.AddIntegrations().Add<ChatIntegration>();
        using var provider = services.BuildServiceProvider();

        var startup = () => provider.GetRequiredService<IStartupValidator>().Validate();

        startup.Should().Throw<OptionsValidationException>().WithMessage("*needs at least one key*");
    }

    [Test]
    public void Unknown_type_names_give_a_clear_error()
    {
        using var services = ServicesWithoutDatabase.Build(b => b.Add<ChatIntegration>());

        var get = () => services.GetRequiredService<IIntegrationRegistry>().Get("nope");

        get.Should().Throw<UnknownIntegrationTypeException>().WithMessage("No integration type 'nope' is registered. Registered: chat.");
    }

    [Test]
    public void An_unknown_type_with_nothing_registered_says_how_to_register_types()
    {
        using var services = ServicesWithoutDatabase.Build(_ => { });

        var get = () => services.GetRequiredService<IIntegrationRegistry>().Get("slack");

        get.Should().Throw<UnknownIntegrationTypeException>().WithMessage("No integration type 'slack' is registered, and no type is registered at all*AddSlack()*Add<MyIntegration>()*");
    }

    [Test]
    public void Registry_creates_instances_at_a_scope_with_default_events()
    {
        using var services = ServicesWithoutDatabase.Build(b => b.Add<ChatIntegration>());

        var chat = services.GetRequiredService<IIntegrationRegistry>().Create<ChatIntegration>(IntegrationScope.Project(7));

        chat.Scope.Should().Be(IntegrationScope.Project("7"));
        chat.EnabledEvents.Should().Be(IntegrationEvents.Push | IntegrationEvents.Issue | IntegrationEvents.Pipeline);
        chat.IsNew.Should().BeTrue();
    }

    [Test]
    public void Catalog_lists_metadata_and_leaves_out_types_not_allowed_at_the_level()
    {
        using var services = ServicesWithoutDatabase.Build(b => b.Add<ChatIntegration>().Add<DeployBoardIntegration>());
        var catalog = services.GetRequiredService<IIntegrationCatalog>();

        catalog.List(IntegrationLevels.Group).Select(e => e.Slug).Should().Equal("chat");
        catalog.List(IntegrationLevels.Project).Select(e => e.Slug).Should().BeEquivalentTo("chat", "deploy_board");

        var chat = catalog.Find("chat")!;
        chat.Title.Should().Be("Chat notifications");
        chat.Description.Should().Be("Posts to a chat channel.");
        chat.SupportedEvents.Should().Equal("push", "issue", "pipeline");
        chat.Levels.Should().Equal("instance", "group", "project");
        catalog.Find("deploy_board")!.Levels.Should().Equal("project");
    }

    [Test]
    public void Catalog_applies_the_instance_allow_list()
    {
        using var services = ServicesWithoutDatabase.Build(
            b => b.Add<ChatIntegration>().Add<TrackerIntegration>(),
            o => o.ApprovedTypes = new HashSet<string> { "tracker" });
        var catalog = services.GetRequiredService<IIntegrationCatalog>();

        catalog.List().Select(e => e.Slug).Should().Equal("tracker");
        catalog.List(includeUnusable: true).Should().HaveCount(2);
        catalog.Find("chat")!.IsApproved.Should().BeFalse();
        catalog.CanActivate("chat", out var reason).Should().BeFalse();
        reason.Should().Be("The 'Chat notifications' integration is not approved for use on this instance. An administrator can add 'chat' to the approved integrations.");
    }

    [Test]
    public void Catalog_hides_types_whose_feature_flag_is_off()
    {
        var flagOn = false;
        using var services = ServicesWithoutDatabase.Build(b => b.Add<ChatIntegration>(o => o.IsAvailable = _ => flagOn));
        var catalog = services.GetRequiredService<IIntegrationCatalog>();

        catalog.List().Should().BeEmpty();
        catalog.CanActivate("chat", out _).Should().BeFalse();

        flagOn = true;
        catalog.List().Select(e => e.Slug).Should().Equal("chat");
    }

    [Test]
    public void Catalog_exports_as_json()
    {
        using var services = ServicesWithoutDatabase.Build(b => b.Add<TrackerIntegration>());

        var json = IntegrationsJson.SerializeCatalog(services.GetRequiredService<IIntegrationCatalog>().List());
        using var document = JsonDocument.Parse(json);

        var entry = document.RootElement[0];
        entry.GetProperty("slug").GetString().Should().Be("tracker");
        entry.GetProperty("supported_events")[1].GetString().Should().Be("merge_request");
        entry.GetProperty("fields").GetArrayLength().Should().Be(5);
        entry.GetProperty("is_approved").GetBoolean().Should().BeTrue();
    }

    [Test]
    public void Event_names_round_trip_and_accept_GitLab_column_names()
    {
        var events = IntegrationEvents.Push | IntegrationEvents.MergeRequest | IntegrationEvents.WikiPage;

        IntegrationEventNames.Format(events).Should().Be("push,merge_request,wiki_page");
        IntegrationEventNames.Parse("push, merge_requests_events,wiki_page,bogus", out var unknown).Should().Be(events);
        unknown.Should().Equal("bogus");
        IntegrationEventNames.TryParse("ConfidentialIssue", out var confidential).Should().BeTrue();
        confidential.Should().Be(IntegrationEvents.ConfidentialIssue);
    }
}
