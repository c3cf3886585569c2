using Npgsql;

namespace Integrations.Benchmarks;

/// <summary>
/// Rows inserted, updated (of which HOT) and deleted in a database's own tables, from <c>pg_stat_user_tables</c>. A
/// backend reports its counts when it ends or goes idle for a while, so the contender's host is stopped and the
/// connection pools cleared first; the figures are then read until they stop changing.
/// </summary>
internal sealed record PostgresRows(long Inserted, long Updated, long HotUpdated, long Deleted)
{
    public static async Task<PostgresRows> ReadSettledAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        PostgresRows? previous = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var current = await ReadAsync(connectionString);
            if (current == previous || DateTime.UtcNow > deadline)
            {
                return current;
            }

            previous = current;
            await Task.Delay(500); // the statistics are written by ending backends; nothing to wait on but time
        }
    }

    public string PerEvent(int events) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Inserted / (double)events:0.00} inserted, {Updated / (double)events:0.00} updated ({HotUpdated / (double)events:0.00} HOT), {Deleted / (double)events:0.00} deleted");

    private static async Task<PostgresRows> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(n_tup_ins), 0)::bigint, coalesce(sum(n_tup_upd), 0)::bigint, coalesce(sum(n_tup_hot_upd), 0)::bigint, coalesce(sum(n_tup_del), 0)::bigint FROM pg_stat_user_tables",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PostgresRows(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
