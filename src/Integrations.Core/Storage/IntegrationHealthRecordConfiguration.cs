using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage;

/// <summary>The EF Core mapping of <see cref="IntegrationHealthRecord"/>.</summary>
internal sealed class IntegrationHealthRecordConfiguration : IEntityTypeConfiguration<IntegrationHealthRecord>
{
    private readonly IntegrationsModelOptions _options;

    /// <summary>Creates the configuration with default names.</summary>
    public IntegrationHealthRecordConfiguration()
        : this(new IntegrationsModelOptions())
    {
    }

    /// <summary>Creates the configuration with the given names.</summary>
    /// <param name="options">Table and schema names.</param>
    public IntegrationHealthRecordConfiguration(IntegrationsModelOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<IntegrationHealthRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var table = _options.HealthTable;
        builder.ToTable(table, _options.Schema);
        builder.HasKey(h => h.IntegrationId).HasName("pk_" + table);
        builder.Property(h => h.IntegrationId).HasColumnName("integration_id").ValueGeneratedNever();
        builder.Property(h => h.RecentFailures).HasColumnName("recent_failures");
        builder.Property(h => h.FailingSince).HasColumnName("failing_since");
        builder.Property(h => h.HeldUntil).HasColumnName("held_until");
        builder.Property(h => h.Version).HasColumnName("version");
        builder.Property(h => h.DisabledUntil).HasColumnName("disabled_until");
        builder.Property(h => h.DisableDueSince).HasColumnName("disable_due_since");
        builder.Property(h => h.PermanentlyDisabled).HasColumnName("permanently_disabled");
        builder.Property(h => h.LastFailureAt).HasColumnName("last_failure_at");
        builder.Property(h => h.LastSuccessAt).HasColumnName("last_success_at");
        builder.Property(h => h.LastError).HasColumnName("last_error").HasMaxLength(2000);
    }
}
