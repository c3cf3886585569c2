using Integrations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Docs.Tests;

/// <summary>
/// docs/schema.md shows the DDL EF Core generates from the model for every table, between two markers. It is generated,
/// not written: run the tests with INTEGRATIONS_UPDATE_DOCS=1 to rewrite it after a model change.
/// </summary>
public class SchemaDocTests
{
    private const string Begin = "<!-- generated: PostgreSQL DDL from the model (SchemaDocTests); do not edit -->";
    private const string End = "<!-- end generated -->";

    [Test]
    public void The_schema_page_shows_the_DDL_the_model_generates()
    {
        var path = Repository.PathOf("docs/schema.md");
        var page = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = page.IndexOf(Begin, StringComparison.Ordinal);
        var end = page.IndexOf(End, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "docs/schema.md holds the generated block");
        end.Should().BeGreaterThan(start);

        var generated = Begin + "\n\n```sql\n" + Ddl() + "\n```\n\n";
        var current = page[start..end];
        if (current != generated && Environment.GetEnvironmentVariable("INTEGRATIONS_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, page[..start] + generated + page[end..]);
            Assert.Pass("docs/schema.md rewritten.");
        }

        current.Should().Be(generated, "docs/schema.md must show the model as it is; run the tests with INTEGRATIONS_UPDATE_DOCS=1 to regenerate it");
    }

    private static string Ddl()
    {
        var options = new DbContextOptionsBuilder<IntegrationsDbContext>().UseNpgsql("Host=unused").Options;
        using var context = new IntegrationsDbContext(options);
        return context.Database.GenerateCreateScript().Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }
}
