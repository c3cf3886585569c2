using Integrations.Persistence;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Integrations.Core.Tests;

/// <summary>The table a host adds to its own migrations, as generated from the model for each provider.</summary>
public class SchemaTests
{
    [TestCase(DatabaseKind.Sqlite)]
    [TestCase(DatabaseKind.PostgreSql)]
    public void The_integrations_table_has_a_unique_singleton_key_a_scope_index_and_a_version(DatabaseKind kind)
    {
        var script = CreateScript(kind);
        TestContext.Out.WriteLine(script);
        script = script.Replace("\"", string.Empty, StringComparison.Ordinal);

        script.Should().Contain("CREATE TABLE integrations (");
        foreach (var column in new[] { "id", "type", "scope_kind", "scope_id", "singleton_key", "active", "use_default_settings", "inherited_fields", "enabled_events", "properties", "version", "created_at", "updated_at" })
        {
            script.Should().MatchRegex($@"\n\s+{column} ");
        }

        script.Should().Contain("CREATE UNIQUE INDEX ix_integrations_singleton_key ON integrations (singleton_key)");
        script.Should().Contain("CREATE INDEX ix_integrations_scope ON integrations (scope_kind, scope_id)");
    }

    [Test]
    public void A_migration_of_a_host_context_creates_the_six_tables_though_their_types_are_internal()
    {
        var options = new DbContextOptionsBuilder<RenamedContext>().UseNpgsql("Host=unused").Options;
        using var context = new RenamedContext(options);
        var model = context.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model;

        // What "dotnet ef migrations add" computes: the operations from an empty database to the model, and their SQL.
        var operations = context.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel());
        var sql = string.Join("\n", context.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator>().Generate(operations, model).Select(c => c.CommandText));

        operations.OfType<Microsoft.EntityFrameworkCore.Migrations.Operations.CreateTableOperation>().Select(t => t.Name)
            .Should().BeEquivalentTo("plugin_settings", "integration_payloads", "integration_deliveries", "integration_delivery_attempts", "integration_health", "integration_state");
        sql.Should().Contain("CREATE TABLE tools.plugin_settings").And.Contain("integration_health");
    }

    [Test]
    public void Table_and_schema_names_can_be_changed()
    {
        var options = new DbContextOptionsBuilder<RenamedContext>().UseNpgsql("Host=unused").Options;
        using var context = new RenamedContext(options);

        context.Database.GenerateCreateScript().Should().Contain("CREATE TABLE tools.plugin_settings");
    }

    private static string CreateScript(DatabaseKind kind)
    {
        var builder = new DbContextOptionsBuilder<IntegrationsDbContext>();
        if (kind == DatabaseKind.Sqlite)
        {
            builder.UseSqlite("Data Source=:memory:");
        }
        else
        {
            builder.UseNpgsql("Host=unused");
        }

        using var context = new IntegrationsDbContext(builder.Options);
        return context.Database.GenerateCreateScript();
    }

    private sealed class RenamedContext(DbContextOptions<RenamedContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.AddIntegrations(o =>
            {
                o.Schema = "tools";
                o.IntegrationsTable = "plugin_settings";
            });
    }
}

/// <summary>A host that adds the SQLite provider gets one consistent SQLitePCLRaw set from us and from it.</summary>
public class SqliteVersionTests
{
    [Test]
    public void The_SQLitePCLRaw_core_we_use_is_the_one_Microsoft_Data_Sqlite_is_built_against()
    {
        var expected = typeof(Microsoft.Data.Sqlite.SqliteConnection).Assembly.GetReferencedAssemblies().Single(a => a.Name == "SQLitePCLRaw.core").Version!;
        var loaded = typeof(SQLitePCL.raw).Assembly.GetName().Version!;

        loaded.Major.Should().Be(expected.Major, "a host must not get SQLitePCLRaw.core {0} beside the provider's {1}", loaded, expected);
    }
}
