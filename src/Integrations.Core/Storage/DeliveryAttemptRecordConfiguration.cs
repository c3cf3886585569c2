using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage;

/// <summary>The EF Core mapping of <see cref="DeliveryAttemptRecord"/>.</summary>
internal sealed class DeliveryAttemptRecordConfiguration : IEntityTypeConfiguration<DeliveryAttemptRecord>
{
    private readonly IntegrationsModelOptions _options;

    /// <summary>Creates the configuration with default names.</summary>
    public DeliveryAttemptRecordConfiguration()
        : this(new IntegrationsModelOptions())
    {
    }

    /// <summary>Creates the configuration with the given names.</summary>
    /// <param name="options">Table and schema names.</param>
    public DeliveryAttemptRecordConfiguration(IntegrationsModelOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DeliveryAttemptRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var table = _options.AttemptsTable;
        builder.ToTable(table, _options.Schema);
        builder.HasKey(a => a.Id).HasName("pk_" + table);
        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(a => a.DeliveryId).HasColumnName("delivery_id");
        builder.Property(a => a.IntegrationId).HasColumnName("integration_id");
        builder.Property(a => a.EventKind).HasColumnName("event_kind").HasMaxLength(50).IsRequired();
        builder.Property(a => a.AttemptNumber).HasColumnName("attempt_number");
        builder.Property(a => a.StartedAt).HasColumnName("started_at");
        builder.Property(a => a.DurationMs).HasColumnName("duration_ms");
        builder.Property(a => a.Succeeded).HasColumnName("succeeded");
        builder.Property(a => a.RequestMethod).HasColumnName("request_method").HasMaxLength(10);
        builder.Property(a => a.RequestUrl).HasColumnName("request_url").HasMaxLength(2048);
        builder.Property(a => a.RequestHeaders).HasColumnName("request_headers");
        builder.Property(a => a.RequestBody).HasColumnName("request_body");
        builder.Property(a => a.RequestBodyIsPayload).HasColumnName("request_body_is_payload");
        builder.Property(a => a.ResponseStatus).HasColumnName("response_status");
        builder.Property(a => a.ResponseHeaders).HasColumnName("response_headers");
        builder.Property(a => a.ResponseBody).HasColumnName("response_body");
        builder.Property(a => a.Error).HasColumnName("error").HasMaxLength(2000);

        // Only the indexes a query uses: every attempt written pays for each one. The log reads a delivery's attempts,
        // retention deletes by age; an integration's recent activity is read from the deliveries table.
        builder.HasIndex(a => new { a.DeliveryId, a.AttemptNumber }).HasDatabaseName("ix_" + table + "_delivery");
        builder.HasIndex(a => a.StartedAt).HasDatabaseName("ix_" + table + "_started");
    }
}
