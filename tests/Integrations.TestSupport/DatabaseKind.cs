namespace Integrations.TestSupport;

/// <summary>The real database engines the suite runs against.</summary>
public enum DatabaseKind
{
    /// <summary>SQLite in a temporary file.</summary>
    Sqlite,

    /// <summary>
    /// SQLite through the portable EF Core storage (no <c>.UseSqlite()</c>): the path any other EF Core provider takes.
    /// </summary>
    SqlitePortable,

    /// <summary>PostgreSQL from <c>INTEGRATIONS_TEST_POSTGRES</c>; a fresh database per test.</summary>
    PostgreSql,
}
