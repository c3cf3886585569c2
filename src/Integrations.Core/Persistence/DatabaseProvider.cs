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
}
