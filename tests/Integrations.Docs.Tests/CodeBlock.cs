using System.Text.RegularExpressions;

namespace Integrations.Docs.Tests;

/// <summary>One fenced code block of a Markdown file.</summary>
/// <param name="Language">The info string (<c>csharp</c>).</param>
/// <param name="Code">The code.</param>
/// <param name="Line">The line of its first code line, for messages.</param>
internal sealed partial record CodeBlock(string Language, string Code, int Line)
{
    /// <summary>The fenced blocks of a Markdown text, in order.</summary>
    public static IReadOnlyList<CodeBlock> Read(string markdown)
    {
        var blocks = new List<CodeBlock>();
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            blocks.Add(new CodeBlock(open.Groups[1].Value, string.Join('\n', lines[start..end]), start + 1));
            i = end;
        }

        return blocks;
    }

    [GeneratedRegex(@"^\s*```(\w+)\s*$")]
    private static partial Regex Fence();
}
