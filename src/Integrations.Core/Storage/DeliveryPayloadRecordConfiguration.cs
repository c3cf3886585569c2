using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage;

/// <summary>The EF Core mapping of <see cref="DeliveryPayloadRecord"/>.</summary>
internal sealed class DeliveryPayloadRecordConfiguration : IEntityTypeConfiguration<DeliveryPayloadRecord>
{
    private readonly IntegrationsModelOptions _options;

    /// <summary>Creates the configuration with default names.</summary>
    public DeliveryPayloadRecordConfiguration()
        : this(new IntegrationsModelOptions())
    {
    }

    /// <summary>Creates the configuration with the given names.</summary>
    /// <param name="options">Table and schema names.</param>
    public DeliveryPayloadRecordConfiguration(IntegrationsModelOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DeliveryPayloadRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var table = _options.PayloadsTable;
        builder.ToTable(table, _options.Schema);
        builder.HasKey(p => p.Id).HasName("pk_" + table);
        builder.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(p => p.CreatedAt).HasColumnName("created_at");
        builder.Property(p => p.Body).HasColumnName("body").IsRequired();
        builder.HasIndex(p => p.CreatedAt).HasDatabaseName("ix_" + table + "_created");
    }
}
