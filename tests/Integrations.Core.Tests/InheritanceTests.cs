using Integrations.Inheritance;
using Integrations.TestSupport;

namespace Integrations.Core.Tests;

/// <summary>instance → group "parent" → group "child" → projects "p1" and "p2"; group "other" beside "parent".</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public class InheritanceTests(DatabaseKind kind) : DatabaseTests(kind)
{
    private static readonly IntegrationScope Instance = IntegrationScope.Instance;
    private static readonly IntegrationScope Parent = IntegrationScope.Group("parent");
    private static readonly IntegrationScope Child = IntegrationScope.Group("child");
    private static readonly IntegrationScope Other = IntegrationScope.Group("other");
    private static readonly IntegrationScope P1 = IntegrationScope.Project("p1");
    private static readonly IntegrationScope P2 = IntegrationScope.Project("p2");

    private readonly TestHierarchy _hierarchy = new();

    protected override void Configure(IIntegrationsBuilder builder)
    {
        base.Configure(builder);
        _hierarchy.GroupParent["child"] = "parent";
        _hierarchy.ProjectGroup["p1"] = "child";
        _hierarchy.ProjectGroup["p2"] = "child";
        builder.UseScopeHierarchy(_hierarchy);
    }

    [Test]
    public async Task A_project_without_its_own_row_uses_the_nearest_ancestors()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        await SaveAsync(NewChat(Parent, "#parent"));

        var chat = (await EffectiveAsync(P1, "chat"))!;

        ((ChatIntegration)chat.Settings).Channel.Should().Be("#parent");
        chat.AppliesTo.Should().Be(P1);
        chat.DefinedAt.Should().Be(Parent);
        chat.IsInherited.Should().BeTrue();
        chat.IsActive.Should().BeTrue();
        chat.SourceOf("channel").Should().Be(Parent);
    }

    [Test]
    public async Task Without_group_settings_a_project_uses_the_instances()
    {
        await SaveAsync(NewChat(Instance, "#instance"));

        var chat = (await EffectiveAsync(P1, "chat"))!;

        ((ChatIntegration)chat.Settings).Channel.Should().Be("#instance");
        chat.DefinedAt.Should().Be(Instance);
    }

    [Test]
    public async Task A_projects_own_row_wins_and_siblings_are_unaffected()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        await SaveAsync(NewChat(P1, "#p1"));

        ((ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings).Channel.Should().Be("#p1");
        ((ChatIntegration)(await EffectiveAsync(P2, "chat"))!.Settings).Channel.Should().Be("#instance");
        (await EffectiveAsync(P1, "chat"))!.IsInherited.Should().BeFalse();
    }

    [Test]
    public async Task An_explicit_inactive_project_row_opts_out()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        await SaveAsync(new ChatIntegration { Scope = P1, Active = false });

        var chat = (await EffectiveAsync(P1, "chat"))!;

        chat.IsActive.Should().BeFalse();
        chat.DefinedAt.Should().Be(P1);
        (await EffectiveAsync(P2, "chat"))!.IsActive.Should().BeTrue();
    }

    [Test]
    public async Task Use_default_settings_takes_values_state_and_events_from_the_ancestor()
    {
        var instance = NewChat(Instance, "#instance");
        instance.EnabledEvents = IntegrationEvents.Pipeline;
        await SaveAsync(instance);
        var own = NewChat(P1, "#ignored", active: false);
        own.UseDefaultSettings = true;
        await SaveAsync(own);

        var chat = (await EffectiveAsync(P1, "chat"))!;

        ((ChatIntegration)chat.Settings).Channel.Should().Be("#instance");
        chat.IsActive.Should().BeTrue();
        chat.Settings.EnabledEvents.Should().Be(IntegrationEvents.Pipeline);
        chat.IntegrationId.Should().Be(own.Id, "the project's row decides for the project");
        chat.DefinedAt.Should().Be(P1);
        chat.SettingsSource.Should().Be(Instance);
        chat.SourceOf("channel").Should().Be(Instance);
    }

    [Test]
    public async Task Switching_to_custom_settings_uses_the_rows_own_values()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        var own = NewChat(P1, "#own");
        own.UseDefaultSettings = true;
        await SaveAsync(own);

        var loaded = (await FindAsync<ChatIntegration>(P1))!;
        loaded.UseDefaultSettings = false;
        await SaveAsync(loaded);

        ((ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings).Channel.Should().Be("#own");
    }

    [Test]
    public async Task Per_field_inheritance_takes_the_connection_from_the_ancestor_and_overrides_the_channel()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        var own = new ChatIntegration { Scope = P1, Active = true, Channel = "#p1-only" };
        own.InheritedFields.Add("webhook");
        await SaveAsync(own);

        var chat = (await EffectiveAsync(P1, "chat"))!;
        var settings = (ChatIntegration)chat.Settings;

        settings.Webhook.Should().Be("https://hooks.example.test/services/T000/B000/instance");
        settings.Channel.Should().Be("#p1-only");
        chat.SourceOf("webhook").Should().Be(Instance);
        chat.SourceOf("channel").Should().Be(P1);
        chat.SourceOf("labels").Should().Be(P1);
    }

    [Test]
    public async Task Field_sources_follow_inheritance_through_several_levels()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        var group = new ChatIntegration { Scope = Child, Active = true, Channel = "#child" };
        group.InheritedFields.Add("webhook");
        await SaveAsync(group);
        var project = new ChatIntegration { Scope = P1, Active = true, Labels = ["p1"] };
        project.InheritedFields.Add("webhook");
        project.InheritedFields.Add("channel");
        await SaveAsync(project);

        var chat = (await EffectiveAsync(P1, "chat"))!;

        ((ChatIntegration)chat.Settings).Channel.Should().Be("#child");
        chat.SourceOf("webhook").Should().Be(Instance);
        chat.SourceOf("channel").Should().Be(Child);
        chat.SourceOf("labels").Should().Be(P1);
    }

    [Test]
    public async Task Results_are_cached_and_a_change_to_any_ancestor_invalidates_them()
    {
        await SaveAsync(NewChat(Instance, "#v1"));
        var first = (await EffectiveAsync(P1, "chat"))!;
        (await EffectiveAsync(P1, "chat")).Should().BeSameAs(first, "the second read is served from the cache");

        var instance = (await FindAsync<ChatIntegration>(Instance))!;
        instance.Channel = "#v2";
        await SaveAsync(instance);
        ((ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings).Channel.Should().Be("#v2");

        await SaveAsync(NewChat(Parent, "#parent"));
        ((ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings).Channel.Should().Be("#parent");
        ((ChatIntegration)(await EffectiveAsync(IntegrationScope.Project("elsewhere"), "chat"))!.Settings).Channel.Should().Be("#v2");

        var parent = (await FindAsync<ChatIntegration>(Parent))!;
        await WithStoreAsync(s => s.DeleteAsync(parent));
        ((ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings).Channel.Should().Be("#v2");
    }

    [Test]
    public async Task A_change_in_an_unrelated_group_keeps_the_cached_result()
    {
        await SaveAsync(NewChat(Instance, "#v1"));
        var first = await EffectiveAsync(P1);

        await SaveAsync(NewChat(Other, "#other"));

        (await EffectiveAsync(P1)).Should().BeSameAs(first);
    }

    [Test]
    public async Task Moving_a_project_takes_effect_when_the_host_invalidates_it()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        await SaveAsync(NewChat(Other, "#other"));
        ((ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings).Channel.Should().Be("#instance");

        _hierarchy.ProjectGroup["p1"] = "other";
        ((ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings).Channel.Should().Be("#instance", "the cache does not know the host moved it");

        await Host.ScopeAsync(sp =>
        {
            ((IIntegrationResolver)sp.GetService(typeof(IIntegrationResolver))!).Invalidate(P1);
            return Task.CompletedTask;
        });
        ((ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings).Channel.Should().Be("#other");
    }

    [Test]
    public async Task Changes_made_by_another_process_show_after_the_cache_duration()
    {
        await SaveAsync(NewChat(Instance, "#v1"));
        await EffectiveAsync(P1);
        await Host.ExecuteSqlAsync("UPDATE integrations SET properties = REPLACE(properties, '#v1', '#v2')");

        ((ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings).Channel.Should().Be("#v1");
        Host.Time.Advance(TimeSpan.FromSeconds(31));
        ((ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings).Channel.Should().Be("#v2");
    }

    [Test]
    public async Task Types_allowed_many_times_collect_rows_from_every_level()
    {
        await SaveAsync(new HookIntegration { Scope = Instance, Active = true, Url = "https://instance.example.test" });
        await SaveAsync(new HookIntegration { Scope = Parent, Active = true, Url = "https://parent.example.test" });
        await SaveAsync(new HookIntegration { Scope = P1, Active = true, Url = "https://p1-a.example.test" });
        Host.Time.Advance(TimeSpan.FromSeconds(1)); // rows of one level are listed oldest first
        await SaveAsync(new HookIntegration { Scope = P1, Active = true, Url = "https://p1-b.example.test" });

        var hooks = (await EffectiveAsync(P1)).Where(e => e.Type == "hook").ToList();

        hooks.Select(h => ((HookIntegration)h.Settings).Url).Should().Equal(
            "https://p1-a.example.test", "https://p1-b.example.test", "https://parent.example.test", "https://instance.example.test");
        hooks.Select(h => h.DefinedAt).Should().Equal(P1, P1, Parent, Instance);
        (await EffectiveAsync(P2)).Count(e => e.Type == "hook").Should().Be(2);
    }

    [Test]
    public async Task Rows_of_one_level_created_at_the_same_moment_are_ordered_by_id()
    {
        // Inserted in descending id order, so the database's own order (insertion) differs from the id order.
        var descending = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).OrderDescending().ToList();
        foreach (var id in descending)
        {
            await SaveAsync(new HookIntegration { Id = id, Scope = P1, Active = true, Url = $"https://{id:N}.example.test" });
        }

        var ids = (await EffectiveAsync(P1)).Where(e => e.Type == "hook").Select(e => e.IntegrationId).ToList();

        ids.Should().Equal(ids.Order(), "with equal creation times the id decides, whatever order the database returns rows in");
    }

    [Test]
    public async Task Effective_settings_are_read_only()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        var chat = (ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings;

        chat.IsReadOnly.Should().BeTrue();
        FluentActions.Invoking(() => chat.Channel = "#mutated").Should().Throw<InvalidOperationException>().WithMessage("*read-only effective view*");
        FluentActions.Invoking(() => chat.Active = false).Should().Throw<InvalidOperationException>();
    }

    [Test]
    public async Task A_cached_effective_view_can_be_read_from_many_threads_at_once()
    {
        var instance = NewChat(Instance, "#instance");
        instance.Labels = ["a", "b", "c"];
        instance.Retry = new RetryPolicy(3, "exponential");
        instance.TimeoutSeconds = 12;
        await SaveAsync(instance);
        var shared = (ChatIntegration)(await EffectiveAsync(P1, "chat"))!.Settings;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            var ok = true;
            for (var i = 0; i < 2_000; i++)
            {
                ok &= shared.Labels!.Count == 3 && shared.Retry == new RetryPolicy(3, "exponential")
                      && shared.TimeoutSeconds == 12 && shared.Channel == "#instance"
                      && shared.GetRawValue("retry")!.ToJsonString() == "{\"attempts\":3,\"mode\":\"exponential\"}";
            }

            return ok;
        })));

        results.Should().AllBeEquivalentTo(true);
    }

    [Test]
    public async Task Group_scopes_resolve_through_their_parents()
    {
        await SaveAsync(NewChat(Parent, "#parent"));

        var chat = (await EffectiveAsync(Child, "chat"))!;

        chat.DefinedAt.Should().Be(Parent);
        (await EffectiveAsync(Other, "chat")).Should().BeNull();
    }

    [Test]
    public async Task Broken_rows_in_the_ancestry_are_skipped_and_the_rest_resolves()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        await SaveAsync(NewTracker(Parent));
        await Host.ExecuteSqlAsync("UPDATE integrations SET properties = 'null' WHERE type = 'tracker'");

        var effective = await EffectiveAsync(P1);

        effective.Select(e => e.Type).Should().Equal("chat");
    }

    [Test]
    public async Task Concurrent_misses_for_one_scope_share_a_single_load()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        _hierarchy.Lookups = 0;

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => EffectiveAsync(P1))));

        results.Should().OnlyContain(r => r.Count == 1);
        _hierarchy.Lookups.Should().BeLessThan(50, "concurrent misses join the load in flight");
    }

    [Test]
    public async Task One_query_resolves_a_project_and_the_hierarchy_is_asked_once_per_miss()
    {
        await SaveAsync(NewChat(Instance, "#instance"));
        _hierarchy.Lookups = 0;

        await EffectiveAsync(P1);
        await EffectiveAsync(P1);

        _hierarchy.Lookups.Should().Be(1);
    }
}
