using Integrations;
using Integrations.Dispatch;
using Integrations.Events;
using Integrations.Events.Payloads;
using Integrations.Fields;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocHost;

/// <summary>
/// What the code samples in README.md and docs/ take for granted: the host's variables (fields here, since every
/// statement sample is compiled as a method of a class deriving from this one) and host types a sample uses without
/// declaring. A sample that declares a type of the same name uses its own.
/// </summary>
public abstract class DocContext
{
#pragma warning disable CS0649, CA1051, SA1401, IDE1006 // The samples' free variables: declared, never run.
    protected IServiceCollection services = null!;
    protected IServiceProvider provider = null!;
    protected IServiceScope scope = null!;
    protected IConfiguration configuration = null!;
    protected WebApplicationBuilder builder = null!;
    protected string connectionString = null!;
    protected IIntegrationDispatcher dispatcher = null!;
    protected AppDbContext appDbContext = null!;
    protected GitLabUser user = null!;
    protected GitLabProject project = null!;
    protected IssueAttributes issue = null!;
    protected string before = null!;
    protected string after = null!;
    protected GitLabCommit[] commits = null!;
    protected string projectId = null!;
    protected IntegrationEvent @event = null!;
    protected CancellationToken cancellationToken;
#pragma warning restore CS0649, CA1051, SA1401, IDE1006
}

/// <summary>The host's own DbContext, with the integrations tables.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddIntegrations();
}

/// <summary>The host's groups, as a sample's scope hierarchy reads them.</summary>
public static class AppDbContextGroups
{
    /// <summary>The ancestor group ids of a scope, nearest first.</summary>
    public static Task<IReadOnlyList<string>> GroupAncestry(this DbContext db, IntegrationScope scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

/// <summary>The host's feature flags.</summary>
public interface IFeatureFlags
{
    /// <summary>Whether a flag is on.</summary>
    bool IsOn(string name);
}

/// <summary>The custom integration the docs build.</summary>
public sealed class StatusPageIntegration : Integration
{
    /// <summary>The API URL.</summary>
    [Field(FieldType.Text, Required = true, IsUrl = true, ExposesSecrets = true)]
    public string? ApiUrl { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The API key.</summary>
    [Field(FieldType.Password, Required = true)]
    public string? ApiKey { get => GetProperty<string>(); set => SetProperty(value); }

    /// <summary>The component.</summary>
    [Field(FieldType.Text)]
    public string? Component { get => GetProperty<string>(); set => SetProperty(value); }

    /// <inheritdoc />
    public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(IntegrationResult.Success());
}

/// <summary>A project-only integration.</summary>
public sealed class DeployBoardIntegration : Integration
{
    /// <inheritdoc />
    public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(IntegrationResult.Success());
}
