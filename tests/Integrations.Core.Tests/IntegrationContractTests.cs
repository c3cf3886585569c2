using System.Text.Json;
using Integrations.Persistence;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests;

public class IntegrationContractTests
{
    [Test]
    public async Task Test_settings_by_default_sends_the_sample_event_through_ExecuteAsync()
    {
        var probe = new ProbeIntegration();
        using var payload = JsonDocument.Parse("{\"object_kind\":\"push\"}");
        using var http = new HttpClient();
        var context = new IntegrationExecutionContext(IntegrationEvents.Push, payload.RootElement, IntegrationScope.Project(1), new ServiceCollection().BuildServiceProvider())
        {
            IsTest = true,
            Http = http,
            State = new Integrations.State.ScratchIntegrationState(),
        };

        var result = await probe.TestAsync(context, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        probe.Received.Should().ContainSingle().Which.Should().BeSameAs(context);
    }

    [Test]
    public void Results_say_whether_a_failure_is_worth_retrying()
    {
        IntegrationResult.Success().Succeeded.Should().BeTrue();
        IntegrationResult.Failure("401 Unauthorized").IsTransient.Should().BeFalse();
        var transient = IntegrationResult.TransientFailure("429", TimeSpan.FromSeconds(30));
        transient.IsTransient.Should().BeTrue();
        transient.RetryAfter.Should().Be(TimeSpan.FromSeconds(30));
    }

    [TestCase(429, null, true)]
    [TestCase(503, 30, true)]
    [TestCase(503, null, false)]
    [TestCase(500, 30, false)]
    public void A_429_or_a_503_with_Retry_After_is_the_receiver_asking_for_time(int status, int? retryAfterSeconds, bool throttled)
    {
        using var response = new HttpResponseMessage((System.Net.HttpStatusCode)status);
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        var result = IntegrationResult.FromHttpResponse(response, DateTimeOffset.UnixEpoch);

        result.IsThrottled.Should().Be(throttled);
        result.IsTransient.Should().BeTrue();
        IntegrationResult.Throttled("rate limited", TimeSpan.FromSeconds(9)).IsThrottled.Should().BeTrue("an integration outside HTTP can say so too");
    }

    [Test]
    public void Using_the_store_without_a_database_says_how_to_configure_one()
    {
        using var services = ServicesWithoutDatabase.Build(b => b.Add<ChatIntegration>());
        using var scope = services.CreateScope();

        var resolve = () => scope.ServiceProvider.GetRequiredService<IIntegrationStore>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("No database is configured for integrations: call services.AddIntegrations().UseDbContext<YourDbContext>()*");
    }

    [Test]
    public void A_host_context_without_the_integrations_tables_says_to_add_them_to_its_model()
    {
        var services = new ServiceCollection();
        services.AddDbContext<ContextWithoutTables>(o => o.UseSqlite("Data Source=:memory:"));
        services.AddIntegrations(o => o.Encryption.AddKey("k", TestKeys.NewBase64Key())).UseDbContext<ContextWithoutTables>().Add<ChatIntegration>();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var resolve = () => scope.ServiceProvider.GetRequiredService<IIntegrationStore>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage(
            "The DbContext '*ContextWithoutTables' does not include the integrations tables. Call modelBuilder.AddIntegrations() in its OnModelCreating*");
    }

    /// <summary>A host's context whose OnModelCreating forgot <c>modelBuilder.AddIntegrations()</c>.</summary>
    public sealed class ContextWithoutTables(DbContextOptions<ContextWithoutTables> options) : DbContext(options);

    [Test]
    public void Scopes_print_and_compare_by_kind_and_id()
    {
        IntegrationScope.Project(42).Should().Be(IntegrationScope.Project("42"));
        IntegrationScope.Project(42).Should().NotBe(IntegrationScope.Group(42));
        IntegrationScope.Group("platform").ToString().Should().Be("group:platform");
        default(IntegrationScope).Should().Be(IntegrationScope.Instance);
        FluentActions.Invoking(() => IntegrationScope.Project(" ")).Should().Throw<ArgumentException>();
    }

    private sealed class ProbeIntegration : Integration
    {
        public List<IntegrationExecutionContext> Received { get; } = [];

        public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
        {
            Received.Add(context);
            return Task.FromResult(IntegrationResult.Success());
        }
    }
}
