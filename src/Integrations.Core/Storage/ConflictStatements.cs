using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Storage;

/// <summary>
/// Insert-if-absent and upsert of state rows in one statement each, for databases whose SQL has
/// <c>INSERT … ON CONFLICT</c> (SQLite and PostgreSQL). Identifiers come from the EF model, quoted by the provider;
/// every value is a parameter, converted by the provider's own type mappings.
/// </summary>
internal static class ConflictStatements
{
    public static async Task<bool> TryAddStateAsync(DbContext context, IntegrationStateRecord row, CancellationToken cancellationToken) =>
        await context.Database.ExecuteSqlRawAsync(StateInsert(context, onConflict: "DO NOTHING"), Values(row), cancellationToken).ConfigureAwait(false) > 0;

    public static Task SetStateAsync(DbContext context, IntegrationStateRecord row, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var set = $"DO UPDATE SET {sql.DelimitIdentifier("value")} = excluded.{sql.DelimitIdentifier("value")}, " +
                  $"{sql.DelimitIdentifier("updated_at")} = excluded.{sql.DelimitIdentifier("updated_at")}";
        return context.Database.ExecuteSqlRawAsync(StateInsert(context, set), Values(row), cancellationToken);
    }

    private static string StateInsert(DbContext context, string onConflict)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var (table, _) = EntityColumn.Of<IntegrationStateRecord>(context);
        string C(string name) => sql.DelimitIdentifier(name);
        return $"INSERT INTO {table} " +
               $"({C("integration_id")}, {C("key")}, {C("value")}, {C("updated_at")}) VALUES ({{0}}, {{1}}, {{2}}, {{3}}) " +
               $"ON CONFLICT ({C("integration_id")}, {C("key")}) {onConflict}";
    }

    private static object[] Values(IntegrationStateRecord row) => [row.IntegrationId, row.Key, row.Value, row.UpdatedAt];
}
