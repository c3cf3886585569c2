using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage;

/// <summary>The EF Core mapping of <see cref="IntegrationRecord"/>: snake_case columns, a unique singleton key and a concurrency token.</summary>
internal sealed class IntegrationRecordConfiguration : IEntityTypeConfiguration<IntegrationRecord>
{
    private readonly IntegrationsModelOptions _options;

    /// <summary>Creates the configuration with default names.</summary>
    public IntegrationRecordConfiguration()
        : this(new IntegrationsModelOptions())
    {
    }

    /// <summary>Creates the configuration with the given names.</summary>
    /// <param name="options">Table and schema names.</param>
    public IntegrationRecordConfiguration(IntegrationsModelOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<IntegrationRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(_options.IntegrationsTable, _options.Schema);
        builder.HasKey(r => r.Id).HasName("pk_" + _options.IntegrationsTable);
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(r => r.Type).HasColumnName("type").HasMaxLength(100).IsRequired();
        builder.Property(r => r.ScopeKind).HasColumnName("scope_kind").HasConversion<int>().IsRequired();
        builder.Property(r => r.ScopeId).HasColumnName("scope_id").HasMaxLength(200).IsRequired();
        builder.Property(r => r.SingletonKey).HasColumnName("singleton_key").HasMaxLength(310);
        builder.Property(r => r.Active).HasColumnName("active").IsRequired();
        builder.Property(r => r.UseDefaultSettings).HasColumnName("use_default_settings").IsRequired();
        builder.Property(r => r.InheritedFields).HasColumnName("inherited_fields").HasMaxLength(4000).IsRequired();
        builder.Property(r => r.EnabledEvents).HasColumnName("enabled_events").HasMaxLength(1000).IsRequired();
        builder.Property(r => r.Properties).HasColumnName("properties").IsRequired();
        builder.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken().IsRequired();
        builder.Property(r => r.CreatedAt).HasColumnName("created_at").IsRequired();
        builder.Property(r => r.UpdatedAt).HasColumnName("updated_at").IsRequired();

        builder.HasIndex(r => r.SingletonKey).IsUnique().HasDatabaseName("ix_" + _options.IntegrationsTable + "_singleton_key");
        builder.HasIndex(r => new { r.ScopeKind, r.ScopeId }).HasDatabaseName("ix_" + _options.IntegrationsTable + "_scope");
        builder.HasIndex(r => r.Type).HasDatabaseName("ix_" + _options.IntegrationsTable + "_type");
    }
}
