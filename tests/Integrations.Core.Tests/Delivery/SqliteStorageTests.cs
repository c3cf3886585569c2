using Integrations.Persistence;
using Integrations.Storage;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Delivery;

/// <summary>
/// SQLite's bulk statements run on the connection's native handle (Integrations.Sqlite); like Microsoft.Data.Sqlite's
/// own commands, they wait for another connection's write lock instead of failing at once, without blocking a thread.
/// </summary>
public sealed class SqliteStorageTests() : DatabaseTests(DatabaseKind.Sqlite)
{
    [Test]
    public async Task A_bulk_insert_waits_for_another_connection_that_holds_the_write_lock()
    {
        await using var other = new Microsoft.Data.Sqlite.SqliteConnection(Host.Database.ConnectionString);
        await other.OpenAsync();
        await using var hold = other.CreateCommand();
        hold.CommandText = "BEGIN IMMEDIATE";
        await hold.ExecuteNonQueryAsync();

        var insert = Task.Run(() => Host.ScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IDeliveryStorage>().InsertAsync(sp.GetRequiredService<IntegrationsDbContext>(), new[] { DeliveryStorageTests.Delivery(1, null) }, CancellationToken.None);
            return 0;
        }));
        var waiting = await Host.Logs.WaitForLogAsync(r => r.Id.Id == 1101);
        waiting.Message.Should().Contain("INSERT INTO");
        insert.IsCompleted.Should().BeFalse("the insert found the lock taken and waits for it instead of failing");

        hold.CommandText = "COMMIT";
        await hold.ExecuteNonQueryAsync();
        await insert.WaitAsync(TimeSpan.FromSeconds(10));
        (await Host.ScopeAsync(sp => sp.GetRequiredService<IntegrationsDbContext>().Set<DeliveryRecord>().CountAsync())).Should().Be(1);
    }
}
