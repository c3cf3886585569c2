using Integrations.DeliveryLog;
using Integrations.Events;
using Integrations.Providers.Webhook;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.Tests.Webhook;

/// <summary>Project, group and instance hooks add up (never override), each with its own log; pushes obey the branch filter.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class WebhookLevelTests(DatabaseKind kind) : ProviderTests(kind)
{
    private async Task<WebhookIntegration> SaveHookAsync(IntegrationScope scope, string path, Action<WebhookIntegration>? configure = null)
    {
        var hook = new WebhookIntegration { Scope = scope, Active = true, Url = Receiver.Url(path).ToString(), EnabledEvents = IntegrationEvents.Push | IntegrationEvents.Issue };
        configure?.Invoke(hook);
        await SaveAsync(hook);
        return hook;
    }

    [Test]
    public async Task Project_parent_group_grandparent_group_and_instance_hooks_all_fire_for_a_project_two_groups_deep()
    {
        var project = await SaveHookAsync(IntegrationScope.Project("app"), "project");
        var group = await SaveHookAsync(IntegrationScope.Group("platform"), "group");
        var topGroup = await SaveHookAsync(IntegrationScope.Group("acme"), "top-group");
        var instance = await SaveHookAsync(IntegrationScope.Instance, "instance");
        var secondProjectHook = await SaveHookAsync(IntegrationScope.Project("app"), "project-2");
        await SaveHookAsync(IntegrationScope.Group("elsewhere"), "unrelated-group");

        var deliveries = await DeliverAsync("app", SampleEvents.Issue());

        deliveries.Select(d => d.IntegrationId).Should().BeEquivalentTo([project.Id, secondProjectHook.Id, group.Id, topGroup.Id, instance.Id]);
        Receiver.Requests.Select(r => r.PathAndQuery).Should().BeEquivalentTo(["/project", "/project-2", "/group", "/top-group", "/instance"]);
        foreach (var hook in new[] { project, group, topGroup, instance })
        {
            var page = await Host.ScopeAsync(sp => sp.GetRequiredService<IDeliveryLog>().QueryAsync(new DeliveryQuery { IntegrationId = hook.Id }));
            page.Items.Should().ContainSingle("each hook has its own delivery log").Which.ProjectId.Should().Be("app");
        }
    }

    [Test]
    public async Task An_inactive_group_hook_does_not_fire_while_the_others_do()
    {
        await SaveHookAsync(IntegrationScope.Project("app"), "project");
        await SaveHookAsync(IntegrationScope.Group("platform"), "group", h => h.Active = false);

        await DeliverAsync("app", SampleEvents.Issue());

        Receiver.Requests.Select(r => r.PathAndQuery).Should().Equal("/project");
    }

    [TestCase(BranchFilterStrategy.Wildcard, "main, release/*", "refs/heads/release/2.0", true)]
    [TestCase(BranchFilterStrategy.Wildcard, "main, release/*", "refs/heads/feature/x", false)]
    [TestCase(BranchFilterStrategy.Regex, "^(main|hotfix-.*)$", "refs/heads/hotfix-12", true)]
    [TestCase(BranchFilterStrategy.Regex, "^(main|hotfix-.*)$", "refs/heads/mainline", false)]
    [TestCase(BranchFilterStrategy.AllBranches, null, "refs/heads/anything", true)]
    public async Task Pushes_obey_the_branch_filter(BranchFilterStrategy strategy, string? filter, string gitRef, bool delivered)
    {
        await SaveHookAsync(IntegrationScope.Project("app"), "project", h =>
        {
            h.BranchFilterStrategy = strategy;
            h.PushEventsBranchFilter = filter;
        });

        var deliveries = await DispatchAsync("app", new JsonEvent(IntegrationEvents.Push, "{\"object_kind\":\"push\"}"u8.ToArray(), gitRef));

        deliveries.Should().HaveCount(delivered ? 1 : 0);
    }

    [Test]
    public async Task The_branch_filter_does_not_apply_to_other_events()
    {
        await SaveHookAsync(IntegrationScope.Project("app"), "project", h =>
        {
            h.BranchFilterStrategy = BranchFilterStrategy.Wildcard;
            h.PushEventsBranchFilter = "main";
        });

        (await DispatchAsync("app", SampleEvents.Issue())).Should().ContainSingle();
    }
}
