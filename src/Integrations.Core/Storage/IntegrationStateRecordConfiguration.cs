using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage;

/// <summary>The EF Core mapping of <see cref="IntegrationStateRecord"/>: the primary key is (integration, key).</summary>
internal sealed class IntegrationStateRecordConfiguration(IntegrationsModelOptions options) : IEntityTypeConfiguration<IntegrationStateRecord>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<IntegrationStateRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var table = options.StateTable;
        builder.ToTable(table, options.Schema);
        builder.HasKey(s => new { s.IntegrationId, s.Key }).HasName("pk_" + table);
        builder.Property(s => s.IntegrationId).HasColumnName("integration_id").ValueGeneratedNever();
        builder.Property(s => s.Key).HasColumnName("key").HasMaxLength(IntegrationStateRecord.MaxKeyLength);
        builder.Property(s => s.Value).HasColumnName("value");
        builder.Property(s => s.UpdatedAt).HasColumnName("updated_at");
    }
}
