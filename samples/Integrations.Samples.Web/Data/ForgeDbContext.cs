using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Data;

/// <summary>The forge's own database, with the integrations tables in the same model (one transaction for both).</summary>
public sealed class ForgeDbContext(DbContextOptions<ForgeDbContext> options) : DbContext(options)
{
    public DbSet<Group> Groups => Set<Group>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ForgeUser> Users => Set<ForgeUser>();

    public DbSet<Issue> Issues => Set<Issue>();

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<MergeRequest> MergeRequests => Set<MergeRequest>();

    public DbSet<GitRef> Refs => Set<GitRef>();

    public DbSet<Pipeline> Pipelines => Set<Pipeline>();

    public DbSet<Deployment> Deployments => Set<Deployment>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<WikiPage> WikiPages => Set<WikiPage>();

    public DbSet<Release> Releases => Set<Release>();

    public DbSet<IntegrationNumber> IntegrationNumbers => Set<IntegrationNumber>();

    public DbSet<DeliveryNumber> DeliveryNumbers => Set<DeliveryNumber>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Group>().ToTable("forge_groups");
        modelBuilder.Entity<Project>().ToTable("forge_projects");
        modelBuilder.Entity<ForgeUser>().ToTable("forge_users").HasIndex(u => u.TokenHash).IsUnique();
        modelBuilder.Entity<Issue>().ToTable("forge_issues").HasIndex(i => new { i.ProjectId, i.Iid }).IsUnique();
        modelBuilder.Entity<Note>().ToTable("forge_notes");
        modelBuilder.Entity<MergeRequest>().ToTable("forge_merge_requests").HasIndex(m => new { m.ProjectId, m.Iid }).IsUnique();
        modelBuilder.Entity<GitRef>().ToTable("forge_refs").HasIndex(r => new { r.ProjectId, r.Name }).IsUnique();
        modelBuilder.Entity<Pipeline>().ToTable("forge_pipelines").HasIndex(p => new { p.ProjectId, p.Iid }).IsUnique();
        modelBuilder.Entity<Deployment>().ToTable("forge_deployments");
        modelBuilder.Entity<Alert>().ToTable("forge_alerts").HasIndex(a => new { a.ProjectId, a.Iid }).IsUnique();
        modelBuilder.Entity<WikiPage>().ToTable("forge_wiki_pages").HasIndex(w => new { w.ProjectId, w.Slug }).IsUnique();
        modelBuilder.Entity<Release>().ToTable("forge_releases").HasIndex(r => new { r.ProjectId, r.TagName }).IsUnique();
        modelBuilder.Entity<IntegrationNumber>().ToTable("forge_integration_numbers").HasIndex(n => n.IntegrationId).IsUnique();
        modelBuilder.Entity<DeliveryNumber>().ToTable("forge_delivery_numbers").HasIndex(n => n.DeliveryId).IsUnique();
        modelBuilder.AddIntegrations();
    }
}
