using System.Data.Common;
using System.Globalization;

namespace Integrations.Storage;

/// <summary>
/// Reads <see cref="DeliveryRecord"/> rows returned by raw statements (the claim's <c>UPDATE … RETURNING</c>), in the
/// column order of <see cref="Columns"/>. Accepts each value in the form either provider returns it (a GUID as
/// <see cref="Guid"/> or as text, an integer as any integral type).
/// </summary>
internal static class DeliveryRecordReader
{
    /// <summary>The columns to select, in the order <see cref="ReadAllAsync"/> reads them (names from <see cref="DeliveryRecordConfiguration"/>).</summary>
    public static readonly string[] Columns =
    [
        "id", "event_id", "integration_id", "integration_type", "project_id", "event_kind", "payload_id", "status", "attempts",
        "next_attempt_at", "lease_owner", "lease_expires_at", "created_at", "completed_at", "last_status_code", "last_error",
    ];

    public static async Task<List<DeliveryRecord>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<DeliveryRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new DeliveryRecord
            {
                Id = ReadGuid(reader, 0),
                EventId = ReadGuid(reader, 1),
                IntegrationId = ReadGuid(reader, 2),
                IntegrationType = reader.GetString(3),
                ProjectId = reader.GetString(4),
                EventKind = reader.GetString(5),
                PayloadId = ReadGuid(reader, 6),
                Status = (DeliveryStatus)(int)ReadInt64(reader, 7)!.Value,
                Attempts = (int)ReadInt64(reader, 8)!.Value,
                NextAttemptAt = ReadInt64(reader, 9)!.Value,
                LeaseOwner = reader.IsDBNull(10) ? null : reader.GetString(10),
                LeaseExpiresAt = ReadInt64(reader, 11),
                CreatedAt = ReadInt64(reader, 12)!.Value,
                CompletedAt = ReadInt64(reader, 13),
                LastStatusCode = (int?)ReadInt64(reader, 14),
                LastError = reader.IsDBNull(15) ? null : reader.GetString(15),
            });
        }

        return rows;
    }

    public static Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        Guid g => g,
        string s => Guid.Parse(s, CultureInfo.InvariantCulture),
        byte[] b => new Guid(b),
        var other => throw new InvalidOperationException($"Column {reader.GetName(ordinal)} holds a {other.GetType().Name}, not a GUID."),
    };

    private static long? ReadInt64(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
