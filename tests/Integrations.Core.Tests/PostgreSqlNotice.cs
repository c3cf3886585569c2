using Integrations.TestSupport;

/// <summary>
/// Says once, on the console, why the PostgreSQL tests are skipped and how to run them (each skipped test also carries
/// the reason, but the console showed only a count).
/// </summary>
[SetUpFixture]
#pragma warning disable CA1050 // An assembly-wide set-up fixture lives outside any namespace.
public sealed class PostgreSqlNotice
#pragma warning restore CA1050
{
    [OneTimeSetUp]
    public void Announce()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
        {
            Console.Error.WriteLine(
                $"NOTE: the PostgreSQL tests are skipped: {TestDatabase.PostgresVariable} is not set. To run them, point it at a server "
                + $"where the user may create databases, e.g. {TestDatabase.PostgresVariable}=\"Host=127.0.0.1;Username=me;Password=…;Database=postgres\", "
                + "or run 'bash .ci/run', which installs and starts PostgreSQL and always runs them.");
        }
    }
}
