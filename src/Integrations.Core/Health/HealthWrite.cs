namespace Integrations.Health;

/// <summary>Whether a health update wrote the row, and the status change to announce after commit, if any.</summary>
internal readonly record struct HealthWrite(bool Written, IntegrationHealthChange? Change)
{
    public static HealthWrite Unchanged => default;
}
