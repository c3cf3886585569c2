using System.Security.Cryptography;
using Integrations.Samples.Web.Api;
using Integrations.Samples.Web.Approvals;
using Integrations.Samples.Web.Data;
using Integrations.Samples.Web.Events;
using Integrations.Samples.Web.Receiver;
using Integrations.Samples.Web.Ui;
using Integrations.Registry;
using Integrations.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web;

/// <summary>
/// The forge: its database, the library wired as a host wires it, and the GitLab-compatible API. <c>Program</c> runs
/// it; the tests start it on a free port with their own configuration.
/// </summary>
public static class ForgeApp
{
    /// <summary>Builds the app from the command line and configuration.</summary>
    /// <param name="args">Command-line arguments (<c>--Database:Provider=PostgreSQL</c>, <c>--Forge:AllowLocalDelivery=true</c>, …).</param>
    /// <param name="configure">Lets tests adjust the builder (settings, URLs) before services are added.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        configure?.Invoke(builder);
        var forge = builder.Configuration.GetSection("Forge").Get<ForgeOptions>() ?? new ForgeOptions();
        var dataDirectory = Path.GetFullPath(forge.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var key = forge.EncryptionKey ?? LocalKey(dataDirectory);

        builder.Services.AddSingleton(forge);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new ForgePayloads(forge.BaseUrl));
        builder.Services.AddSingleton<ReceivedWebhooks>();
        builder.Services.AddSingleton<NumberingLock>();
        builder.Services.AddSingleton<Integrations.Chat.IProjectBranches, ForgeBranches>();
        builder.Services.AddScoped<DeploymentGate>();
        builder.Services.AddScoped<IScopeHierarchyReader, ScopeHierarchyReader>();
        builder.Services.AddScoped<IntegrationEditor>();
        builder.Services.AddAntiforgery();
        // Session cookies and antiforgery tokens survive restarts (and instances sharing the data directory share them).
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys"))).SetApplicationName("Integrations.Samples.Web");
        builder.Services.AddHostedService<WaitingDeployments>();
        builder.Services.AddOpenApi();

        var integrations = builder.Services.AddIntegrations(o =>
            {
                o.Encryption.AddKey("forge", key);
                o.InstanceUrl = forge.BaseUrl;
                if (forge.AllowLocalDelivery)
                {
                    o.Network.AllowedHosts.Add("127.0.0.1");
                    o.Network.AllowedHosts.Add("localhost");
                }
            })
            .AddAllProviders()
            .AddServiceNowApprovalPolling<DeploymentApprovalHandler>(o => o.PollInterval = forge.ApprovalPollInterval)
            .UseDbContext<ForgeDbContext>()
            .UseScopeHierarchy<ForgeHierarchy>();

        if (string.Equals(builder.Configuration["Database:Provider"], "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            var connection = builder.Configuration.GetConnectionString("Integrations")
                ?? throw new InvalidOperationException("Database:Provider is PostgreSQL but ConnectionStrings:Integrations is not set.");
            builder.Services.AddDbContext<ForgeDbContext>(o => o.UseNpgsql(connection));
            integrations.UsePostgreSql();
        }
        else
        {
            var file = Path.Combine(dataDirectory, "forge.db");
            builder.Services.AddDbContext<ForgeDbContext>(o => o.UseSqlite($"Data Source={file}"));
            integrations.UseSqlite();
        }

        var app = builder.Build();
        app.MapOpenApi("/api/v4/openapi.json");
        var api = app.MapGroup("/api/v4");
        api.MapHooks("/projects/{id}", ProjectScopeAsync, admin: false);
        api.MapHooks("/groups/{id}", GroupScopeAsync, admin: false);
        api.MapHooks(string.Empty, (_, _) => Task.FromResult<HookScope?>(new HookScope(IntegrationScope.Instance, null, null)), admin: true);
        api.MapIntegrations("/projects/{id}", ProjectScopeAsync, admin: false);
        api.MapIntegrations("/groups/{id}", GroupScopeAsync, admin: false);
        api.MapIntegrations("/admin", (_, _) => Task.FromResult<HookScope?>(new HookScope(IntegrationScope.Instance, null, null)), admin: true);
        var projects = api.MapGroup("/projects/{id}").RequireToken();
        projects.MapIssues();
        projects.MapMergeRequests();
        projects.MapRepository();
        projects.MapCi();
        projects.MapOperations();
        api.MapGet("/catalog/integrations", (IIntegrationCatalog catalog) =>
            Results.Text(IntegrationsJson.SerializeCatalog(catalog.List(includeUnusable: true)), "application/json")).RequireToken();
        app.MapReceiver();
        app.MapSignInPages();
        var ui = app.MapGroup("/ui").RequireSignIn();
        ui.MapHomePage();
        ui.MapIntegrationPages();
        ui.MapHookPages();
        ui.MapJiraIssuePages();
        ui.MapDeliveryPages();
        app.MapGet("/", () => Results.Text(
            "Integrations sample forge. Settings pages: /ui. API: /api/v4 (OpenAPI at /api/v4/openapi.json). Received webhooks: /receiver.", "text/plain"));
        return app;
    }

    /// <summary>Creates the schema and the demo forge on first run, and prints what a newcomer needs.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForgeDbContext>();
        var forge = scope.ServiceProvider.GetRequiredService<ForgeOptions>();
        var firstRun = await ForgeSeeder.EnsureAsync(db, forge, scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Forge");
        if (firstRun is not null)
        {
            logger.LogWarning("First run: demo forge created. Admin token: {AdminToken}  Developer token: {DeveloperToken}  (shown once; set Forge:AdminToken to choose your own)",
                firstRun.AdminToken ?? "(from configuration)", firstRun.DeveloperToken ?? "(from configuration)");
        }

        if (!forge.AllowLocalDelivery)
        {
            logger.LogInformation("Deliveries to 127.0.0.1 are refused. Run with --Forge:AllowLocalDelivery=true to use the built-in receiver at /receiver.");
        }
    }

    private static async Task<HookScope?> ProjectScopeAsync(HttpContext http, ForgeDbContext db) =>
        await ForgeScopes.FindProjectAsync(db, (string)http.GetRouteValue("id")!, http.RequestAborted) is { } project
            ? new HookScope(IntegrationScope.Project(project.Id), "project_id", project.Id)
            : null;

    private static async Task<HookScope?> GroupScopeAsync(HttpContext http, ForgeDbContext db) =>
        await ForgeScopes.FindGroupAsync(db, (string)http.GetRouteValue("id")!, http.RequestAborted) is { } group
            ? new HookScope(IntegrationScope.Group(group.Id), "group_id", group.Id)
            : null;

    /// <summary>The encryption key kept beside the database: made once, reused after. Production supplies its own.</summary>
    private static string LocalKey(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "integrations.key");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            Console.Error.WriteLine($"warning: generated an encryption key in {path}. It keeps this demo's secrets readable across restarts; production must supply its own key (Forge:EncryptionKey or a secret store) and never keep it beside the database.");
        }

        return File.ReadAllText(path).Trim();
    }
}
