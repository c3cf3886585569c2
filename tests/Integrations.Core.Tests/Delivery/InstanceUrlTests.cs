using Integrations.TestSupport;

namespace Integrations.Core.Tests.Delivery;

[TestFixture(DatabaseKind.Sqlite)]
public class InstanceUrlTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    protected override void ConfigureOptions(IntegrationsOptions options)
    {
        base.ConfigureOptions(options);
        options.InstanceUrl = "https://forge.example.com";
    }

    [Test]
    public async Task The_instance_url_is_sent_as_X_Gitlab_Instance_without_the_integration_asking()
    {
        await SaveHookAsync(IntegrationScope.Project(1));
        await Host.StartWorkersAsync();

        var delivery = (await DispatchAsync("1", Push())).Single();
        await WaitForStatusAsync(delivery.DeliveryId, DeliveryStatus.Succeeded);

        Receiver.Requests.Single().Header("X-Gitlab-Instance").Should().Be("https://forge.example.com");
    }
}
