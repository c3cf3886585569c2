using Integrations.Events.Payloads;
using Integrations.Persistence;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integrations.Benchmarks;

/// <summary>A container wired as a production host would be (real clock, warnings-only logging) over a real database.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private readonly bool _ownsDatabase;

    private BenchHost(ServiceProvider services, TestDatabase database, bool ownsDatabase)
    {
        Services = services;
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    public ServiceProvider Services { get; }

    public TestDatabase Database { get; }

    public static async Task<BenchHost> StartAsync(DatabaseKind kind, bool runWorker, int concurrency = 16) =>
        await StartAsync(await TestDatabase.CreateAsync(kind), runWorker, concurrency, ownsDatabase: true);

    /// <summary>A host over a database the caller owns (and reads after the host is gone) unless <paramref name="ownsDatabase"/>.</summary>
    public static async Task<BenchHost> StartAsync(TestDatabase database, bool runWorker, int concurrency, bool ownsDatabase, TimeSpan? pollInterval = null)
    {
        var kind = database.Kind;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var builder = services.AddIntegrations(o =>
            {
                o.Encryption.AddKey("bench", TestKeys.NewBase64Key());
                o.Network.AllowedHosts.Add("127.0.0.1");
                o.Delivery.RunWorker = runWorker;
                o.Delivery.MaxConcurrency = concurrency;
                o.Delivery.BatchSize = 64;
                o.Delivery.PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(10);
            })
            .Add<TestHookIntegration>()
            .UseScopeHierarchy(new ThreeLevelHierarchy())
            .UseIntegrationsDbContext(o =>
            {
                database.Configure(o);
                if (kind == DatabaseKind.Sqlite)
                {
                    o.AddInterceptors(new SqliteWalInterceptor());
                }
            });
        database.UseStorage(builder);
        var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.EnsureCreatedAsync();
        }

        return new BenchHost(provider, database, ownsDatabase);
    }

    public async Task StartWorkerAsync()
    {
        foreach (var hosted in Services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            _started.Add(hosted);
        }
    }

    public async Task<T> ScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<int> SqlAsync(string sql) => ScopeAsync(sp => sp.GetRequiredService<IntegrationsDbContext>().Database.ExecuteSqlRawAsync(sql));

    public async Task SaveHookAsync(IntegrationScope scope, Uri url) => await ScopeAsync(async sp =>
    {
        await sp.GetRequiredService<IIntegrationStore>().SaveAsync(new TestHookIntegration { Scope = scope, Active = true, Url = url.ToString() });
        return 0;
    });

    public static PushEvent Push(int i) => PushEvent.Create(
        new GitLabUser { Id = 1, Name = "Bench", Username = "bench", Email = "bench@example.test" },
        new GitLabProject { Id = 1, Name = "bench", WebUrl = "https://forge.example.test/bench", Namespace = "bench", PathWithNamespace = "bench/bench", DefaultBranch = "main" },
        PushEvent.BlankSha, $"{i:x40}", "refs/heads/main",
        [new GitLabCommit { Id = $"{i:x40}", Message = "Change " + i, Title = "Change " + i, Url = "https://forge.example.test/c/" + i, Author = new GitLabCommitAuthor("Bench", "bench@example.test") }]);

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _started)
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await Services.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    /// <summary>project "p" → group "g" → instance.</summary>
    private sealed class ThreeLevelHierarchy : Inheritance.IScopeHierarchy
    {
        public ValueTask<IReadOnlyList<string>> GetAncestorGroupIdsAsync(IntegrationScope scope, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<string>>(scope.Kind == ScopeKind.Project ? ["g"] : []);
    }

    /// <summary>SQLite in WAL mode with synchronous=NORMAL: the setting recommended for SQLite hosts (docs/benchmarks.md).</summary>
    private sealed class SqliteWalInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
