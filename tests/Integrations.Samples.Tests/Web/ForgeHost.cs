using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Samples.Web;
using Integrations.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Samples.Tests.Web;

/// <summary>
/// The sample forge started for real on a free port of 127.0.0.1, on a fresh SQLite directory or PostgreSQL database,
/// with known tokens and local delivery allowed (so hooks can reach its built-in receiver).
/// </summary>
public sealed class ForgeHost : IAsyncDisposable
{
    public const string AdminToken = "glpat-admin-test-token";
    public const string DeveloperToken = "glpat-developer-test-token";

    private readonly WebApplication _app;
    private readonly TestDatabase? _database;
    private readonly string _directory;

    private ForgeHost(WebApplication app, TestDatabase? database, string directory, Uri address)
    {
        _app = app;
        _database = database;
        _directory = directory;
        Address = address;
        Admin = Client(AdminToken);
        Developer = Client(DeveloperToken);
        Anonymous = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Admin { get; }

    public HttpClient Developer { get; }

    public HttpClient Anonymous { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every log record the forge wrote, at debug level and above.</summary>
    public Microsoft.Extensions.Logging.Testing.FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    /// <summary>Starts a forge; pass <paramref name="shared"/> to start a second instance on the same PostgreSQL database.</summary>
    public static async Task<ForgeHost> StartAsync(DatabaseKind kind, TestDatabase? shared = null, string? encryptionKey = null, IEnumerable<string>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "integrations-tests", "forge-" + Guid.NewGuid().ToString("N"));
        var database = kind == DatabaseKind.PostgreSql && shared is null ? await TestDatabase.CreateAsync(DatabaseKind.PostgreSql) : null;
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--Forge:DataDirectory=" + directory,
            "--Forge:AdminToken=" + AdminToken,
            "--Forge:DeveloperToken=" + DeveloperToken,
            "--Forge:AllowLocalDelivery=true",
            "--Forge:EncryptionKey=" + (encryptionKey ?? SharedKey),
        };
        args.AddRange(settings ?? []);
        if ((shared ?? database) is { } pg)
        {
            args.Add("--Database:Provider=PostgreSQL");
            args.Add("--ConnectionStrings:Integrations=" + pg.ConnectionString);
        }

        var app = ForgeApp.Build([.. args], b =>
        {
            if (Environment.GetEnvironmentVariable("FORGE_TEST_LOGS") != "1")
            {
                b.Logging.ClearProviders(); // FORGE_TEST_LOGS=1 shows the forge's log on the console
            }

            b.Logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        });
        await ForgeApp.InitializeAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ForgeHost(app, database, directory, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>One key for every forge a test starts, so two instances read each other's secrets.</summary>
    public static string SharedKey { get; } = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public TestDatabase? Database => _database;

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        return client;
    }

    public Uri ReceiverUrl(string path) => new(Address, "receiver/" + path);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    /// <summary>Waits until the built-in receiver holds at least <paramref name="count"/> requests, and returns them oldest first.</summary>
    public async Task<JsonArray> WaitForReceivedAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var received = (JsonArray)(await ReadJsonAsync(await Anonymous.GetAsync(new Uri("receiver/requests", UriKind.Relative))));
            if (received.Count >= count)
            {
                return new JsonArray(received.Reverse().Select(r => r!.DeepClone()).ToArray());
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The receiver got {received.Count} of {count} requests in time.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the log shows at least <paramref name="count"/> deliveries of the project, all finished (the receiver sees a request before its outcome is recorded).</summary>
    public async Task<IReadOnlyList<Integrations.DeliveryLog.DeliverySummary>> WaitUntilRecordedAsync(string projectId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = Services.CreateAsyncScope();
            var deliveries = (await scope.ServiceProvider.GetRequiredService<Integrations.DeliveryLog.IDeliveryLog>()
                .QueryAsync(new Integrations.DeliveryLog.DeliveryQuery { ProjectId = projectId, PageSize = 100 })).Items;
            if (deliveries.Count >= count && deliveries.All(d => d.Status is DeliveryStatus.Succeeded or DeliveryStatus.Dead or DeliveryStatus.Skipped))
            {
                return deliveries;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The deliveries were not all recorded in time: {string.Join(", ", deliveries.Select(d => d.Status))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Developer.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file briefly on some systems; the temp directory is cleaned up later.
        }
    }
}
