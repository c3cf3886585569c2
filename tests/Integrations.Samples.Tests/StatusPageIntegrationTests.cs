using Integrations.Samples.CustomIntegration;
using Integrations.TestSettings;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Samples.Tests;

/// <summary>The sample is what people copy: its calls must be guarded, recorded and classified like every other.</summary>
public class StatusPageIntegrationTests
{
    private TestReceiver _receiver = null!;
    private string _path = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _receiver = await TestReceiver.StartAsync();
        _path = Path.Combine(Path.GetTempPath(), "integrations-sample-" + Guid.NewGuid().ToString("N") + ".db");
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _receiver.DisposeAsync();
        File.Delete(_path);
    }

    private async Task<IntegrationTestResult> TestAsync(bool allowLocal, Action<Integration>? edit = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIntegrations(o =>
        {
            o.Encryption.AddKey("k", CustomIntegrationDemo.DemoKey);
            if (allowLocal)
            {
                o.Network.AllowedHosts.Add("127.0.0.1");
            }
        }).Add<StatusPageIntegration>().UseIntegrationsDbContext(db => db.UseSqlite($"Data Source={_path}"));
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Integrations.Persistence.IntegrationsDbContext>().Database.EnsureCreatedAsync();
        var page = new StatusPageIntegration { Scope = IntegrationScope.Instance, Active = true, ApiUrl = _receiver.Url("api/").ToString(), ApiKey = "sp_key_123456" };
        edit?.Invoke(page);
        return await scope.ServiceProvider.GetRequiredService<IIntegrationTester>().TestAsync(page, IntegrationEvents.Pipeline);
    }

    [Test]
    public async Task Its_calls_to_the_local_network_are_refused_unless_the_host_allows_them()
    {
        var test = await TestAsync(allowLocal: false);

        test.Result.Succeeded.Should().BeFalse();
        test.Result.Message.Should().Contain("127.0.0.1");
        _receiver.Requests.Should().BeEmpty("the SSRF guard stopped the call before it connected");
    }

    [Test]
    public async Task Its_calls_are_recorded_in_the_log_with_the_key_redacted()
    {
        var test = await TestAsync(allowLocal: true);

        test.Result.Succeeded.Should().BeTrue();
        _receiver.Requests.Should().ContainSingle().Which.Header("Authorization").Should().Be("Bearer sp_key_123456");
        test.Attempt.Should().NotBeNull("the exchange went through the recorded client");
        test.Attempt!.RequestUrl.Should().EndWith("/api/incidents");
        test.Attempt.ToString().Should().NotContain("sp_key_123456");
    }

    [TestCase(429, true, false)]
    [TestCase(503, true, false)]
    [TestCase(410, false, true)]
    [TestCase(400, false, false)]
    public async Task Its_answers_are_classified_like_every_other_integration(int status, bool transient, bool gone)
    {
        _receiver.Respond = (_, context) =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        };

        var test = await TestAsync(allowLocal: true);

        test.Result.Succeeded.Should().BeFalse();
        test.Result.IsTransient.Should().Be(transient);
        test.Result.IsGone.Should().Be(gone);
        test.Result.StatusCode.Should().Be(status);
    }
}
