using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Integrations.Docs.Tests;

/// <summary>
/// Compiles the C# blocks of one Markdown file together, as a reader would use them: type declarations as they are,
/// statements as the body of a method of a class deriving from <see cref="DocHost.DocContext"/> (whose fields are the
/// host's variables the samples take for granted). Each block is a file of its own with only the usings a new
/// ASP.NET Core project has (the SDK's implicit usings) and those the block writes itself, so a sample that needs a
/// namespace of the library shows its <c>using</c> line.
/// </summary>
internal static class SnippetCompiler
{
    /// <summary>The implicit usings of an ASP.NET Core project (Microsoft.NET.Sdk.Web), and the doc host's variables.</summary>
    private static readonly string[] Usings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging", "DocHost",
    ];

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    /// <summary>The errors, each with the Markdown line it comes from.</summary>
    public static IReadOnlyList<string> Compile(string document, IReadOnlyList<CodeBlock> blocks)
    {
        var trees = new List<SyntaxTree>();
        var n = 0;
        foreach (var block in blocks)
        {
            var source = new StringBuilder();
            foreach (var u in Usings)
            {
                source.Append("using ").Append(u).AppendLine(";");
            }

            var unit = CSharpSyntaxTree.ParseText(block.Code).GetCompilationUnitRoot();
            foreach (var u in unit.Usings)
            {
                var line = block.Line + unit.SyntaxTree.GetLineSpan(u.Span).StartLinePosition.Line;
                source.AppendLine($"#line {line} \"{document}\"");
                source.AppendLine(u.ToFullString().Trim());
                source.AppendLine("#line default");
            }

            var declarations = new StringBuilder();
            var methods = new StringBuilder();

            // Consecutive members of one kind are copied as written, each run under a #line that points at its Markdown line.
            var members = unit.Members;
            for (var start = 0; start < members.Count;)
            {
                var isStatement = members[start] is GlobalStatementSyntax;
                var end = start;
                while (end + 1 < members.Count && (members[end + 1] is GlobalStatementSyntax) == isStatement)
                {
                    end++;
                }

                var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(members[start].SpanStart, members[end].Span.End);
                var line = block.Line + unit.SyntaxTree.GetLineSpan(span).StartLinePosition.Line;
                var column = unit.SyntaxTree.GetLineSpan(span).StartLinePosition.Character;
                var text = new string(' ', column) + block.Code.Substring(span.Start, span.Length);
                var target = isStatement ? methods : declarations;
                if (isStatement)
                {
                    methods.AppendLine($"    public async Task Sample{++n}()");
                    methods.AppendLine("    {");
                }

                target.AppendLine($"#line {line} \"{document}\"");
                target.AppendLine(text);
                target.AppendLine("#line default");
                if (isStatement)
                {
                    methods.AppendLine("        await Task.CompletedTask;");
                    methods.AppendLine("    }");
                }

                start = end + 1;
            }

            source.Append(declarations);
            source.AppendLine("public sealed partial class DocSamples : DocContext");
            source.AppendLine("{");
            source.Append(methods);
            source.AppendLine("}");
            trees.Add(CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Preview), path: $"block{trees.Count + 1}.cs"));
        }

        var compilation = CSharpCompilation.Create(
            "DocSamples",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Location.GetMappedLineSpan().Path}:{d.Location.GetMappedLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
    }
}
