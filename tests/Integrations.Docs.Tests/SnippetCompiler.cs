using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Integrations.Docs.Tests;

/// <summary>
/// Compiles the C# blocks of one Markdown file together, as a reader would use them: type declarations as they are,
/// statements as the body of a method of a class deriving from <see cref="DocHost.DocContext"/> (whose fields are the
/// host's variables the samples take for granted), with the usings every sample assumes.
/// </summary>
internal static class SnippetCompiler
{
    private static readonly string[] Usings =
    [
        "System", "System.Collections.Generic", "System.Linq", "System.Net.Http", "System.Net.Http.Json", "System.Text",
        "System.Text.Json", "System.Threading", "System.Threading.Tasks", "FluentValidation", "Microsoft.AspNetCore.Builder",
        "Microsoft.EntityFrameworkCore", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging", "Integrations", "Integrations.Dispatch", "Integrations.Worker", "Integrations.Health", "Integrations.TestSettings", "Integrations.DeliveryLog",
        "Integrations.Events", "Integrations.Events.Payloads", "Integrations.Fields", "Integrations.Inheritance",
        "Integrations.Persistence", "Integrations.Registry", "Integrations.Serialization", "Integrations.Validation",
        "Integrations.Webhooks", "Integrations.Forms", "Integrations.State", "Integrations.Providers.ServiceNow", "DocHost",
    ];

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    /// <summary>The errors, each with the Markdown line it comes from.</summary>
    public static IReadOnlyList<string> Compile(string document, IReadOnlyList<CodeBlock> blocks)
    {
        var source = new StringBuilder();
        var lineMap = new List<(int GeneratedLine, CodeBlock Block)>();
        foreach (var u in Usings)
        {
            source.Append("using ").Append(u).AppendLine(";");
        }

        var declarations = new StringBuilder();
        var methods = new StringBuilder();
        var n = 0;
        foreach (var block in blocks)
        {
            var unit = CSharpSyntaxTree.ParseText(block.Code).GetCompilationUnitRoot();
            foreach (var u in unit.Usings)
            {
                source.AppendLine(u.ToFullString().Trim());
            }

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
        }

        source.Append(declarations);
        source.AppendLine("public sealed class DocSamples : DocContext");
        source.AppendLine("{");
        source.Append(methods);
        source.AppendLine("}");

        var tree = CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Preview), path: "generated.cs");
        var compilation = CSharpCompilation.Create(
            "DocSamples",
            [tree],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Location.GetMappedLineSpan().Path}:{d.Location.GetMappedLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
    }
}
