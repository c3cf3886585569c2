using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Delivery;

/// <summary>The state an integration sees: its own, durable, in deliveries; a scratch one in "Test settings".</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class ExecutionStateTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    [Test]
    public async Task A_delivery_writes_to_its_integrations_state_and_a_test_run_does_not()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1), h => h.RememberLastDelivery = true);
        await Host.StartWorkersAsync();

        var delivered = (await DispatchAsync("1", Push())).Single();
        await WaitForStatusAsync(delivered.DeliveryId, DeliveryStatus.Succeeded);
        var test = await Host.ScopeAsync(sp => sp.GetRequiredService<TestSettings.IIntegrationTester>().TestAsync(hook, Integrations.IntegrationEvents.Push));

        test.Result.Succeeded.Should().BeTrue();
        var remembered = await Host.Services.GetRequiredService<State.IntegrationStateFactory>().For(hook.Id).GetAsync("last-delivery");
        remembered.Should().Be(delivered.DeliveryId.ToString(), "the delivery wrote it; the test run wrote to a scratch state");
    }
}
