using Integrations.Persistence;
using Integrations.Storage;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public class StoreTests(DatabaseKind kind) : DatabaseTests(kind)
{
    [Test]
    public async Task Saved_integration_round_trips_every_setting()
    {
        var chat = NewChat(IntegrationScope.Project(42), "#dev");
        chat.NotifyOnlyBrokenPipelines = false;
        chat.BranchesToBeNotified = BranchSelection.Protected;
        chat.Labels = ["bug", "ops"];
        chat.TimeoutSeconds = 9;
        chat.Retry = new RetryPolicy(2, "linear");
        chat.EnabledEvents = IntegrationEvents.Push | IntegrationEvents.Pipeline;
        chat.InheritedFields.Add("webhook");
        chat.Webhook = null;

        await SaveAsync(chat);
        var loaded = (await FindAsync<ChatIntegration>(IntegrationScope.Project(42)))!;

        loaded.Id.Should().Be(chat.Id);
        loaded.Type.Should().Be("chat");
        loaded.Scope.Should().Be(IntegrationScope.Project("42"));
        loaded.Active.Should().BeTrue();
        loaded.Channel.Should().Be("#dev");
        loaded.NotifyOnlyBrokenPipelines.Should().BeFalse();
        loaded.BranchesToBeNotified.Should().Be(BranchSelection.Protected);
        loaded.Labels.Should().Equal("bug", "ops");
        loaded.TimeoutSeconds.Should().Be(9);
        loaded.Retry.Should().Be(new RetryPolicy(2, "linear"));
        loaded.EnabledEvents.Should().Be(IntegrationEvents.Push | IntegrationEvents.Pipeline);
        loaded.InheritedFields.Should().Equal("webhook");
        loaded.Version.Should().Be(1);
        loaded.CreatedAt.Should().Be(Host.Time.GetUtcNow());
        loaded.HasChanges.Should().BeFalse();
    }

    [Test]
    public async Task Saving_again_increments_the_version_and_update_time()
    {
        var chat = NewChat(IntegrationScope.Instance, "#a");
        await SaveAsync(chat);
        var created = Host.Time.GetUtcNow();
        Host.Time.Advance(TimeSpan.FromMinutes(5));

        chat.Channel = "#b";
        await SaveAsync(chat);
        var loaded = (await FindAsync<ChatIntegration>(IntegrationScope.Instance))!;

        loaded.Version.Should().Be(2);
        loaded.Channel.Should().Be("#b");
        loaded.CreatedAt.Should().Be(created);
        loaded.UpdatedAt.Should().Be(created.AddMinutes(5));
    }

    [Test]
    public async Task Unknown_keys_are_preserved_on_round_trip()
    {
        var chat = NewChat(IntegrationScope.Instance, "#a");
        chat.SetRawValue("setting_from_a_newer_version", System.Text.Json.Nodes.JsonNode.Parse("{\"x\":[1,2]}"));
        await SaveAsync(chat);

        var loaded = (await FindAsync<ChatIntegration>(IntegrationScope.Instance))!;
        loaded.Channel = "#b";
        await SaveAsync(loaded);

        var reloaded = (await FindAsync<ChatIntegration>(IntegrationScope.Instance))!;
        reloaded.GetRawValue("setting_from_a_newer_version")!.ToJsonString().Should().Be("{\"x\":[1,2]}");
    }

    [Test]
    public async Task A_stale_update_fails_clearly_and_keeps_the_callers_changes()
    {
        await SaveAsync(NewChat(IntegrationScope.Instance, "#a"));
        var first = (await FindAsync<ChatIntegration>(IntegrationScope.Instance))!;
        var second = (await FindAsync<ChatIntegration>(IntegrationScope.Instance))!;
        first.Channel = "#first";
        await SaveAsync(first);

        second.Channel = "#second";
        var stale = () => SaveAsync(second);

        (await stale.Should().ThrowAsync<IntegrationConcurrencyException>())
            .WithMessage("*changed or deleted by someone else since it was loaded (version 1). Nothing was saved*");
        second.Channel.Should().Be("#second");
        (await FindAsync<ChatIntegration>(IntegrationScope.Instance))!.Channel.Should().Be("#first");
    }

    [Test]
    public async Task Deleting_removes_the_row_and_a_stale_delete_is_refused()
    {
        await SaveAsync(NewChat(IntegrationScope.Instance, "#a"));
        var stale = (await FindAsync<ChatIntegration>(IntegrationScope.Instance))!;
        var fresh = (await FindAsync<ChatIntegration>(IntegrationScope.Instance))!;
        fresh.Channel = "#b";
        await SaveAsync(fresh);

        var deleteStale = () => WithStoreAsync(s => s.DeleteAsync(stale));
        await deleteStale.Should().ThrowAsync<IntegrationConcurrencyException>();

        (await WithStoreAsync(s => s.DeleteAsync(fresh))).Should().BeTrue();
        (await WithStoreAsync(s => s.DeleteAsync(fresh))).Should().BeFalse();
        (await FindAsync<ChatIntegration>(IntegrationScope.Instance)).Should().BeNull();
    }

    [Test]
    public async Task A_second_integration_of_a_single_type_at_one_scope_is_refused()
    {
        await SaveAsync(NewChat(IntegrationScope.Project(1), "#a"));

        var second = () => SaveAsync(NewChat(IntegrationScope.Project(1), "#b"));

        await second.Should().ThrowAsync<IntegrationConflictException>()
            .WithMessage("project:1 already has a Chat notifications integration; load and edit that one instead.");
        await SaveAsync(NewChat(IntegrationScope.Project(2), "#b"));
    }

    [Test]
    public async Task The_database_itself_enforces_one_row_per_type_and_scope()
    {
        await SaveAsync(NewChat(IntegrationScope.Project(1), "#a"));
        var row = (await Host.RawRowsAsync()).Single();

        var duplicate = () => Host.ScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IntegrationsDbContext>();
            db.Integrations.Add(new IntegrationRecord
            {
                Id = Guid.NewGuid(), Type = row.Type, ScopeKind = row.ScopeKind, ScopeId = row.ScopeId, SingletonKey = row.SingletonKey,
                Properties = "{}", Version = 1, CreatedAt = row.CreatedAt, UpdatedAt = row.UpdatedAt,
            });
            await db.SaveChangesAsync();
        });

        await duplicate.Should().ThrowAsync<DbUpdateException>();
    }

    [Test]
    public async Task Types_that_allow_many_per_scope_can_be_added_repeatedly()
    {
        await SaveAsync(new HookIntegration { Scope = IntegrationScope.Project(1), Active = true, Url = "https://a.example.test/hook" });
        await SaveAsync(new HookIntegration { Scope = IntegrationScope.Project(1), Active = true, Url = "https://b.example.test/hook" });

        var list = await WithStoreAsync(s => s.ListAsync(IntegrationScope.Project(1)));

        list.Items.OfType<HookIntegration>().Select(h => h.Url).Should().BeEquivalentTo("https://a.example.test/hook", "https://b.example.test/hook");
    }

    [Test]
    public async Task Rows_of_unknown_type_or_corrupt_settings_are_reported_and_skipped()
    {
        await SaveAsync(NewChat(IntegrationScope.Project(5), "#ok"));
        await SaveAsync(NewTracker(IntegrationScope.Project(5)));
        await SaveAsync(new HookIntegration { Scope = IntegrationScope.Project(5), Url = "https://a.example.test" });
        await Host.ExecuteSqlAsync("UPDATE integrations SET type = 'removed_type' WHERE type = 'hook'");
        await Host.ExecuteSqlAsync("UPDATE integrations SET properties = '{{not json' WHERE type = 'tracker'");

        var list = await WithStoreAsync(s => s.ListAsync(IntegrationScope.Project(5)));

        list.Items.Should().ContainSingle().Which.Should().BeOfType<ChatIntegration>();
        list.Broken.Select(b => b.Type).Should().BeEquivalentTo("removed_type", "tracker");
        list.Broken.Single(b => b.Type == "removed_type").Reason.Should().Be("The integration type 'removed_type' is not registered.");
        list.Broken.Single(b => b.Type == "tracker").Reason.Should().StartWith("The stored settings are not a valid JSON object");
        Host.Logs.GetSnapshot().Where(l => l.Id.Id == 1001).Should().HaveCountGreaterThanOrEqualTo(2);
    }

    [Test]
    public async Task Getting_a_broken_row_by_id_says_why()
    {
        var hook = new HookIntegration { Scope = IntegrationScope.Project(5), Url = "https://a.example.test" };
        await SaveAsync(hook);
        await Host.ExecuteSqlAsync("UPDATE integrations SET type = 'removed_type'");

        var get = () => WithStoreAsync(s => s.GetAsync(hook.Id));

        await get.Should().ThrowAsync<BrokenIntegrationException>().WithMessage("*'removed_type' at project:5) cannot be loaded: The integration type 'removed_type' is not registered.");
    }

    [Test]
    public async Task Legacy_type_names_are_read_as_the_current_slug_and_rewritten_on_save()
    {
        var chat = NewChat(IntegrationScope.Project(3), "#legacy");
        await SaveAsync(chat);
        await Host.ExecuteSqlAsync("UPDATE integrations SET type = 'ChatService'");

        var loaded = (await FindAsync<ChatIntegration>(IntegrationScope.Project(3)))!;
        loaded.Channel.Should().Be("#legacy");
        loaded.Channel = "#renamed";
        await SaveAsync(loaded);

        (await Host.RawRowsAsync()).Single().Type.Should().Be("chat");
    }

    [Test]
    public async Task A_stored_integration_cannot_move_to_another_scope()
    {
        var chat = NewChat(IntegrationScope.Project(1), "#a");
        await SaveAsync(chat);

        chat.Scope = IntegrationScope.Project(2);
        var move = () => SaveAsync(chat);

        await move.Should().ThrowAsync<InvalidOperationException>().WithMessage("*stored at project:1; it cannot move to project:2*");
    }

    [Test]
    public async Task Integrations_can_live_in_the_hosts_own_DbContext()
    {
        await using var database = await TestDatabase.CreateAsync(Kind);
        var services = new ServiceCollection();
        services.AddDbContext<HostDbContext>(database.Configure);
        services.AddIntegrations(o => o.Encryption.AddKey("k", TestKeys.NewBase64Key()))
            .Add<ChatIntegration>()
            .UseDbContext<HostDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            await db.Database.EnsureCreatedAsync();
            db.Projects.Add(new HostProject { Id = 1, Name = "api" });
            await scope.ServiceProvider.GetRequiredService<IIntegrationStore>().SaveAsync(NewChat(IntegrationScope.Project(1), "#api"));
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            (await db.Projects.SingleAsync()).Name.Should().Be("api", "the store's save also committed the host's pending change");
            (await scope.ServiceProvider.GetRequiredService<IIntegrationStore>().FindAsync<ChatIntegration>(IntegrationScope.Project(1)))!
                .Channel.Should().Be("#api");
            (await db.Set<IntegrationRecord>().CountAsync()).Should().Be(1);
        }
    }
}

public sealed class HostProject
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    public DbSet<HostProject> Projects => Set<HostProject>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HostProject>().ToTable("projects").Property(p => p.Id).ValueGeneratedNever();
        modelBuilder.AddIntegrations(o => o.IntegrationsTable = "host_integrations");
    }
}
