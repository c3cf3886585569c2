using Integrations.Persistence;
using Integrations.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Integrations.TestSupport;

/// <summary>
/// A real container wired as a host would wire it, over a real database. Each <see cref="ScopeAsync"/> is a fresh DI
/// scope (a new DbContext), like a separate web request.
/// </summary>
public sealed class IntegrationsTestHost : IAsyncDisposable
{
    private readonly bool _ownsDatabase;
    private List<IHostedService>? _started;

    private IntegrationsTestHost(ServiceProvider services, TestDatabase database, bool ownsDatabase, TestClock time, FakeLogCollector logs, string key)
    {
        _ownsDatabase = ownsDatabase;
        Services = services;
        Database = database;
        Time = time;
        Logs = logs;
        Key = key;
    }

    public ServiceProvider Services { get; }

    public TestDatabase Database { get; }

    /// <summary>The host's clock, unless it was started with a clock of its own.</summary>
    public TestClock Time { get; }

    /// <summary>Every log record the host wrote (Microsoft.Extensions.Diagnostics.Testing).</summary>
    public FakeLogCollector Logs { get; }

    /// <summary>The Base64 encryption key configured as <c>test-key</c>.</summary>
    public string Key { get; }

    public static async Task<IntegrationsTestHost> StartAsync(
        DatabaseKind kind,
        Action<IIntegrationsBuilder> configure,
        Action<IntegrationsOptions>? options = null,
        TestDatabase? database = null,
        TimeProvider? clock = null)
    {
        var ownsDatabase = database is null;
        database ??= await TestDatabase.CreateAsync(kind);
        var key = TestKeys.NewBase64Key();
        var time = new TestClock();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(clock ?? time);
        var builder = services.AddIntegrations(o =>
        {
            o.Encryption.AddKey("test-key", key);
            options?.Invoke(o);
        });
        database.UseStorage(builder.UseIntegrationsDbContext(database.Configure));
        configure(builder);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var logs = provider.GetFakeLogCollector();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.EnsureCreatedAsync();
        }

        return new IntegrationsTestHost(provider, database, ownsDatabase, time, logs, key);
    }

    /// <summary>Starts the hosted services (the delivery worker), as a generic host would.</summary>
    public async Task StartWorkersAsync()
    {
        _started = Services.GetServices<IHostedService>().ToList();
        foreach (var service in _started)
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    /// <summary>Stops the hosted services, letting in-flight deliveries hand their claims back.</summary>
    public async Task StopWorkersAsync()
    {
        if (_started is null)
        {
            return;
        }

        foreach (var service in _started)
        {
            await service.StopAsync(CancellationToken.None);
        }

        _started = null;
    }

    public async Task<T> ScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task ScopeAsync(Func<IServiceProvider, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>Runs raw SQL against the database (to plant corrupt rows, read raw columns).</summary>
    public Task<int> ExecuteSqlAsync(string sql) =>
        ScopeAsync(sp => sp.GetRequiredService<IntegrationsDbContext>().Database.ExecuteSqlRawAsync(sql));

    /// <summary>Reads the raw rows as stored.</summary>
    internal Task<List<IntegrationRecord>> RawRowsAsync() =>
        ScopeAsync(sp => sp.GetRequiredService<IntegrationsDbContext>().Integrations.AsNoTracking().ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await StopWorkersAsync();
        await Services.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
