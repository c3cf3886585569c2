using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage;

/// <summary>The EF Core mapping of <see cref="DeliveryRecord"/>, indexed for claiming due work in order.</summary>
internal sealed class DeliveryRecordConfiguration : IEntityTypeConfiguration<DeliveryRecord>
{
    private readonly IntegrationsModelOptions _options;

    /// <summary>Creates the configuration with default names.</summary>
    public DeliveryRecordConfiguration()
        : this(new IntegrationsModelOptions())
    {
    }

    /// <summary>Creates the configuration with the given names.</summary>
    /// <param name="options">Table and schema names.</param>
    public DeliveryRecordConfiguration(IntegrationsModelOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DeliveryRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var table = _options.DeliveriesTable;
        builder.ToTable(table, _options.Schema);
        builder.HasKey(d => d.Id).HasName("pk_" + table);
        builder.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(d => d.EventId).HasColumnName("event_id");
        builder.Property(d => d.IntegrationId).HasColumnName("integration_id");
        builder.Property(d => d.IntegrationType).HasColumnName("integration_type").HasMaxLength(100).IsRequired();
        builder.Property(d => d.ProjectId).HasColumnName("project_id").HasMaxLength(200).IsRequired();
        builder.Property(d => d.EventKind).HasColumnName("event_kind").HasMaxLength(50).IsRequired();
        builder.Property(d => d.PayloadId).HasColumnName("payload_id");
        builder.Property(d => d.Status).HasColumnName("status").HasConversion<int>();
        builder.Property(d => d.Attempts).HasColumnName("attempts");
        builder.Property(d => d.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(d => d.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(64);
        builder.Property(d => d.LeaseExpiresAt).HasColumnName("lease_expires_at");
        builder.Property(d => d.CreatedAt).HasColumnName("created_at");
        builder.Property(d => d.CompletedAt).HasColumnName("completed_at");
        builder.Property(d => d.LastStatusCode).HasColumnName("last_status_code");
        builder.Property(d => d.LastError).HasColumnName("last_error").HasMaxLength(2000);

        // Partial indexes hold only the rows they serve: pending rows by due time (claims), delivering rows by lease end
        // (reclaims). Finished rows, the bulk of the table, are in neither, and a new row enters one index, not two.
        // The filters quote with double quotes, which SQLite and PostgreSQL both accept.
        builder.HasIndex(d => d.NextAttemptAt).HasDatabaseName("ix_" + table + "_due").HasFilter("\"status\" = 0");
        builder.HasIndex(d => d.LeaseExpiresAt).HasDatabaseName("ix_" + table + "_lease").HasFilter("\"status\" = 1");
        builder.HasIndex(d => new { d.IntegrationId, d.CreatedAt }).HasDatabaseName("ix_" + table + "_integration");
        builder.HasIndex(d => d.CreatedAt).HasDatabaseName("ix_" + table + "_created");
        builder.HasIndex(d => new { d.ProjectId, d.CreatedAt }).HasDatabaseName("ix_" + table + "_project");
    }
}
