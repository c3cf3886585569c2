using Microsoft.EntityFrameworkCore;

namespace Integrations.Persistence;

/// <summary>Which SQL the delivery engine writes for a context's database.</summary>
internal enum DatabaseProvider
{
    /// <summary>SQLite, or any other provider: portable statements, one row per prepared statement.</summary>
    Portable,

    /// <summary>PostgreSQL: array parameters with <c>unnest</c>, and <c>FOR UPDATE SKIP LOCKED</c> claims.</summary>
    PostgreSql,
}

/// <summary>Detects the <see cref="DatabaseProvider"/> of a context.</summary>
internal static class DatabaseProviderDetection
{
    public const string NpgsqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static DatabaseProvider GetDatabaseProvider(this DbContext context) =>
        context.Database.ProviderName == NpgsqlProviderName ? DatabaseProvider.PostgreSql : DatabaseProvider.Portable;

    /// <summary>
    /// How many group commits may be in flight at once: PostgreSQL commits wait for the WAL flush, not for each other,
    /// so overlapping a few keeps the flushes busy; SQLite has one writer at a time.
    /// </summary>
    public static int GetConcurrentCommits(this DbContext context) =>
        context.GetDatabaseProvider() == DatabaseProvider.PostgreSql ? 4 : 1;
}
