using Integrations;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Usage: Integrations.TestWorker <sqlite|postgres> <connection string> <lease seconds> <concurrency>
// Runs the real delivery worker against the given database until it is killed. Prints "ready" once started.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: Integrations.TestWorker <sqlite|postgres> <connection string> <lease seconds> <concurrency>");
    return 2;
}

var (provider, connection, lease, concurrency) = (args[0], args[1], int.Parse(args[2]), int.Parse(args[3]));
var services = new ServiceCollection();
services.AddLogging();
var builder = services.AddIntegrations(o =>
    {
        o.Encryption.AddKey("test-key", Environment.GetEnvironmentVariable("INTEGRATIONS_TEST_KEY")!);
        o.Network.AllowedHosts.Add("127.0.0.1");
        o.Delivery.LeaseDuration = TimeSpan.FromSeconds(lease);
        // A short lease (to test take-over quickly) needs calls that end sooner than it.
        o.Network.MaxTimeout = TimeSpan.FromSeconds(lease) - TimeSpan.FromMilliseconds(500);
        o.Network.DefaultTimeout = o.Network.MaxTimeout;
        o.Delivery.MaxConcurrency = concurrency;
        o.Delivery.BatchSize = concurrency;
        o.Delivery.PollInterval = TimeSpan.FromMilliseconds(50);
        o.Delivery.Retention = TimeSpan.FromDays(3650); // tests dispatch on their own clock, weeks before this process's real one
    })
    .Add<TestHookIntegration>()
    .UseIntegrationsDbContext(o =>
    {
        if (provider == "sqlite")
        {
            o.UseSqlite(connection);
        }
        else
        {
            o.UseNpgsql(connection);
        }
    });
_ = provider == "sqlite" ? builder.UseSqlite() : builder.UsePostgreSql();
await using var container = services.BuildServiceProvider();
foreach (var hosted in container.GetServices<IHostedService>())
{
    await hosted.StartAsync(CancellationToken.None);
}

Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
return 0;
