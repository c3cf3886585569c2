namespace Integrations.Docs.Tests;

/// <summary>Every C# block in README.md and docs/ compiles against the current library, so no sample can drift from the code.</summary>
public class DocSnippetTests
{
    private static IEnumerable<TestCaseData> Documents() =>
        Repository.Documents().Select(d => new TestCaseData(d).SetName("Samples_in_" + d.Replace('/', '_').Replace('.', '_') + "_compile"));

    [TestCaseSource(nameof(Documents))]
    public void Every_CSharp_block_compiles(string document)
    {
        var blocks = CodeBlock.Read(File.ReadAllText(Repository.PathOf(document))).Where(b => b.Language is "csharp" or "cs" or "c#").ToList();
        if (blocks.Count == 0)
        {
            Assert.Pass("No C# samples.");
        }

        var errors = SnippetCompiler.Compile(document, blocks);

        errors.Should().BeEmpty(string.Join(Environment.NewLine, errors));
    }

    [Test]
    public void A_block_that_does_not_compile_is_reported_with_its_file_and_line()
    {
        var blocks = CodeBlock.Read("text\n\n```csharp\nvar x = 1;\nawait dispatcher.DispatchAsync(projectId, new JsonEvent(IntegrationEvents.Push, \"a string\", \"refs/heads/main\"));\n```\n");

        var errors = SnippetCompiler.Compile("sample.md", blocks);

        errors.Should().ContainSingle().Which.Should().StartWith("sample.md:5: CS1503");
    }
}
