using Integrations.TestSupport;

namespace Integrations.Core.Tests;

/// <summary>A forgotten <c>.UseSqlite()</c> or <c>.UsePostgreSql()</c> is named at startup, once, with the package to add.</summary>
public sealed class StorageChoiceTests
{
    [Test]
    public async Task Sqlite_without_UseSqlite_warns_once_at_startup_naming_the_package()
    {
        await using var host = await IntegrationsTestHost.StartAsync(DatabaseKind.SqlitePortable, b => b.Add<ChatIntegration>());
        await host.StartWorkersAsync();

        var warnings = host.Logs.GetSnapshot().Where(l => l.Id.Id == 1006).ToList();
        warnings.Should().ContainSingle().Which.Message.Should().Contain("Microsoft.EntityFrameworkCore.Sqlite")
            .And.Contain("add the Integrations.Sqlite package and call .UseSqlite()");
    }

    [Test]
    public async Task The_fast_storage_or_a_deliberate_portable_storage_gives_no_warning()
    {
        await using (var fast = await IntegrationsTestHost.StartAsync(DatabaseKind.Sqlite, b => b.Add<ChatIntegration>()))
        {
            await fast.StartWorkersAsync();
            fast.Logs.GetSnapshot().Should().NotContain(l => l.Id.Id == 1006);
        }

        await using var deliberate = await IntegrationsTestHost.StartAsync(DatabaseKind.SqlitePortable, b => b.Add<ChatIntegration>().UsePortableStorage());
        await deliberate.StartWorkersAsync();
        deliberate.Logs.GetSnapshot().Should().NotContain(l => l.Id.Id == 1006);
    }
}
