using Integrations.DeliveryLog;
using Integrations.Dispatch;
using Integrations.Events;
using Integrations.Events.Payloads;
using Integrations.Persistence;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Integrations.Core.Tests.Delivery;

/// <summary>
/// The pattern for an event that needs a database-generated id (docs/delivery-and-security.md): save the change, build
/// the event from the saved row, enqueue, save again, all in one transaction of the host's own context.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public class HostTransactionTests(DatabaseKind kind)
{
    [Test]
    public async Task An_event_built_from_a_generated_id_is_enqueued_in_the_same_transaction_and_delivered()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var provider = Build(database);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ForgeDbContext>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IIntegrationStore>().SaveAsync(
                new TestHookIntegration { Scope = IntegrationScope.Project(1), Active = true, Url = receiver.Url("hook").ToString(), EnabledEvents = IntegrationEvents.Issue });
        }

        long issueId;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ForgeDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var issue = new ForgeIssue { ProjectId = 1, Title = "Invoices round to the wrong cent" };
            db.Issues.Add(issue);
            await db.SaveChangesAsync();                                    // 1: the database assigns the id
            issueId = issue.Id;
            var sample = SampleEvents.Issue();
            var @event = new IssueEvent { User = sample.User, Project = sample.Project, ObjectAttributes = sample.ObjectAttributes with { Id = issue.Id, Title = issue.Title } };
            await scope.ServiceProvider.GetRequiredService<IIntegrationDispatcher>().EnqueueAsync(db, 1L, @event);
            await db.SaveChangesAsync();                                    // 2: the deliveries
            await transaction.CommitAsync();                                // both, or neither
        }

        await StartWorkersAsync(provider);
        await receiver.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        receiver.Requests.Single().BodyText.Should().Contain($"\"id\":{issueId},");
    }

    [Test]
    public async Task When_the_hosts_transaction_rolls_back_neither_the_change_nor_its_deliveries_remain()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var provider = Build(database);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ForgeDbContext>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IIntegrationStore>().SaveAsync(
                new TestHookIntegration { Scope = IntegrationScope.Project(1), Active = true, Url = "https://hooks.example.test/x", EnabledEvents = IntegrationEvents.Issue });
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ForgeDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Issues.Add(new ForgeIssue { ProjectId = 1, Title = "Doomed" });
            await db.SaveChangesAsync();
            (await scope.ServiceProvider.GetRequiredService<IIntegrationDispatcher>().EnqueueAsync(db, 1L, SampleEvents.Issue())).Should().ContainSingle();
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ForgeDbContext>().Issues.CountAsync()).Should().Be(0);
            (await scope.ServiceProvider.GetRequiredService<IDeliveryLog>().CountAsync()).Values.Sum().Should().Be(0);
        }
    }

    [Test]
    public async Task Deliveries_enqueued_in_the_hosts_transaction_go_out_when_it_commits_not_at_the_next_poll()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new TestClock(); // the worker's idle poll waits on this clock, which never moves here
        await using var provider = Build(database, clock, pollInterval: TimeSpan.FromMinutes(5));
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ForgeDbContext>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IIntegrationStore>().SaveAsync(
                new TestHookIntegration { Scope = IntegrationScope.Project(1), Active = true, Url = receiver.Url("hook").ToString(), EnabledEvents = IntegrationEvents.Issue });
        }

        await StartWorkersAsync(provider);
        await provider.GetRequiredService<Integrations.Worker.DeliverySignal>().WaitForIdleAsync(clock.GetUtcNow(), CancellationToken.None);
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ForgeDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Issues.Add(new ForgeIssue { ProjectId = 1, Title = "Woken on commit" });
            await scope.ServiceProvider.GetRequiredService<IIntegrationDispatcher>().EnqueueAsync(db, 1L, SampleEvents.Issue());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await receiver.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        receiver.Requests.Should().ContainSingle("the commit woke the worker; its next poll is five minutes away on a clock that stands still");
    }

    private static ServiceProvider Build(TestDatabase database, TimeProvider? clock = null, TimeSpan? pollInterval = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddDbContext<ForgeDbContext>(database.Configure);
        services.AddIntegrations(o =>
        {
            o.Encryption.AddKey("k", TestKeys.NewBase64Key());
            o.Network.AllowedHosts.Add("127.0.0.1");
            o.Delivery.PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(20);
        }).Add<TestHookIntegration>().UseDbContext<ForgeDbContext>();
        return services.BuildServiceProvider();
    }

    private static async Task StartWorkersAsync(IServiceProvider provider)
    {
        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }
}

public sealed class ForgeIssue
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public string Title { get; set; } = "";
}

public sealed class ForgeDbContext(DbContextOptions<ForgeDbContext> options) : DbContext(options)
{
    public DbSet<ForgeIssue> Issues => Set<ForgeIssue>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ForgeIssue>().ToTable("issues");
        modelBuilder.AddIntegrations();
    }
}
