using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integrations.Benchmarks;

/// <summary>
/// What a .NET team would otherwise write for durable, retried webhook calls: Hangfire, one background job per
/// delivery, posting with an <see cref="IHttpClientFactory"/> client, its default retries on, set up as its docs show
/// (Hangfire.Storage.SQLite or Hangfire.PostgreSql, default options, 16 workers). Same receiver, payloads, event count
/// and concurrency as <see cref="EndToEndBenchmark.PipelineAsync"/>.
/// </summary>
internal static class HangfireContender
{
    public static async Task<ContenderRun> RunAsync(TestDatabase database, ReceiverProcess receiver, int events)
    {
        await receiver.ResetAsync();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddHttpClient();
        services.AddSingleton(new HookTarget(receiver.Hook));
        services.AddTransient<HookJob>();
        services.AddHangfire(c =>
        {
            c.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (database.IsSqlite)
            {
                c.UseSQLiteStorage(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
            }
            else
            {
                c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString));
            }
        });
        services.AddHangfireServer(o => o.WorkerCount = EndToEndBenchmark.Concurrency);
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            var jobs = provider.GetRequiredService<IBackgroundJobClient>();
            var bodies = Enumerable.Range(0, events).Select(i => System.Text.Encoding.UTF8.GetString(BenchHost.Push(i).ToJsonUtf8())).ToArray();
            jobs.Enqueue<HookJob>(j => j.PostAsync(bodies[0], CancellationToken.None));
            await receiver.WaitForAsync(1, TimeSpan.FromSeconds(120));

            var meter = CostMeter.Start(receiver.ProcessId);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(1, events - 1), new ParallelOptions { MaxDegreeOfParallelism = EndToEndBenchmark.Concurrency },
                (i, ct) =>
                {
                    jobs.Enqueue<HookJob>(j => j.PostAsync(bodies[i], CancellationToken.None));
                    return ValueTask.CompletedTask;
                });
            await receiver.WaitForAsync(events, TimeSpan.FromMinutes(30));
            watch.Stop();
            return new ContenderRun((events - 1) / watch.Elapsed.TotalSeconds, meter.Stop(events - 1));
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }
}

/// <summary>Where the Hangfire jobs post.</summary>
/// <param name="Url">The receiver's URL.</param>
public sealed record HookTarget(Uri Url);

/// <summary>The Hangfire job: one webhook POST, failing (and so retried by Hangfire) on a non-success status.</summary>
public sealed class HookJob(IHttpClientFactory http, HookTarget target)
{
    /// <summary>Posts the body.</summary>
    public async Task PostAsync(string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.CreateClient().PostAsync(target.Url, content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
