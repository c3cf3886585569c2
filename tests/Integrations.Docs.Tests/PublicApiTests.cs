using System.Reflection;

namespace Integrations.Docs.Tests;

/// <summary>
/// Every change to the public API is deliberate: the reflected surface of each package must equal its checked-in
/// <c>PublicAPI.txt</c>. After an intended change, run the tests with INTEGRATIONS_UPDATE_DOCS=1 and commit the diff.
/// </summary>
public class PublicApiTests
{
    private static IEnumerable<TestCaseData> Packages() =>
    [
        new TestCaseData(typeof(Integration).Assembly, "src/Integrations.Core/PublicAPI.txt").SetName("Public_API_of_Integrations_Core_matches_its_baseline"),
        new TestCaseData(typeof(SqliteIntegrationsBuilderExtensions).Assembly, "src/Integrations.Sqlite/PublicAPI.txt").SetName("Public_API_of_Integrations_Sqlite_matches_its_baseline"),
        new TestCaseData(typeof(PostgreSqlIntegrationsBuilderExtensions).Assembly, "src/Integrations.PostgreSql/PublicAPI.txt").SetName("Public_API_of_Integrations_PostgreSql_matches_its_baseline"),
        new TestCaseData(typeof(ProvidersIntegrationsBuilderExtensions).Assembly, "src/Integrations.Providers/PublicAPI.txt").SetName("Public_API_of_Integrations_Providers_matches_its_baseline"),
    ];

    [TestCaseSource(nameof(Packages))]
    public void Public_API_matches_its_baseline(Assembly assembly, string baseline)
    {
        var path = Repository.PathOf(baseline);
        var current = PublicApi.Describe(assembly);
        var recorded = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        if (current != recorded && Environment.GetEnvironmentVariable("INTEGRATIONS_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, current);
            Assert.Pass($"{baseline} rewritten.");
        }

        var added = current.Split('\n').Except(recorded.Split('\n')).ToList();
        var removed = recorded.Split('\n').Except(current.Split('\n')).ToList();
        (added.Count + removed.Count).Should().Be(0,
            $"the public API changed; if that is intended, run the tests with INTEGRATIONS_UPDATE_DOCS=1 and commit {baseline}.\nAdded:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}");
    }
}
