namespace Integrations.Docs.Tests;

/// <summary>
/// Each built-in provider is a folder built as a plug-in author would build their own: its namespace follows the
/// folder, it uses only the core's public pieces, and no provider reaches into another. Its tests sit in the mirror
/// folder of the tests project.
/// </summary>
public partial class LayoutTests
{
    private static readonly string ProvidersDirectory = Repository.PathOf("src/Integrations.Providers");

    private static IEnumerable<string> ProviderFolders() =>
        Directory.EnumerateDirectories(ProvidersDirectory).Select(Path.GetFileName).Where(n => n is not ("bin" or "obj")).Cast<string>();

    [Test]
    public void Each_provider_folder_has_its_namespace_and_does_not_reach_into_another()
    {
        var problems = new List<string>();
        var folders = ProviderFolders().ToArray();
        folders.Should().Contain(["Webhook", "Jenkins", "Datadog"]);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(ProvidersDirectory, folder), "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                var declared = NamespaceDeclaration().Match(text).Groups[1].Value;
                var isExtensionEntryPoint = declared == "Integrations" && file.EndsWith("Extensions.cs", StringComparison.Ordinal);
                if (declared != "Integrations.Providers." + folder && !isExtensionEntryPoint)
                {
                    problems.Add($"{folder}/{Path.GetFileName(file)} declares {declared}");
                }

                problems.AddRange(folders.Where(other => other != folder && text.Contains("Integrations.Providers." + other, StringComparison.Ordinal))
                    .Select(other => $"{folder}/{Path.GetFileName(file)} uses the {other} provider"));
            }
        }

        problems.Should().BeEmpty();
    }

    [Test]
    public void Each_provider_has_a_mirror_test_folder()
    {
        var tests = Repository.PathOf("tests/Integrations.Providers.Tests");
        ProviderFolders().Where(folder => !Directory.Exists(Path.Combine(tests, folder)))
            .Should().BeEmpty("every provider folder has its tests in the same folder of Integrations.Providers.Tests");
    }
}
