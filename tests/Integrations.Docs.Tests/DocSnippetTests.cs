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
        var blocks = CodeBlock.Read("text\n\n```csharp\nusing Integrations;\nusing Integrations.Events;\n\nvar x = 1;\nawait dispatcher.DispatchAsync(projectId, new JsonEvent(IntegrationEvents.Push, \"a string\", \"refs/heads/main\"));\n```\n");

        var errors = SnippetCompiler.Compile("sample.md", blocks);

        errors.Should().ContainSingle().Which.Should().StartWith("sample.md:8: CS1503");
    }

    [Test]
    public void A_block_that_leaves_out_a_using_it_needs_does_not_compile()
    {
        var blocks = CodeBlock.Read("```csharp\nusing Integrations;\n\nvar push = new JsonEvent(IntegrationEvents.Push, new byte[0]);\n```\n\n```csharp\nusing Integrations.Events;\n```\n");

        var errors = SnippetCompiler.Compile("sample.md", blocks);

        errors.Should().Contain(e => e.StartsWith("sample.md:4: CS0246", StringComparison.Ordinal) && e.Contains("'JsonEvent'"),
            "a using in another block does not count: each sample shows the usings it needs");
    }
}
