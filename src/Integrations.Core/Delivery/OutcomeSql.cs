using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Delivery;

/// <summary>
/// Stores a batch of outcomes with one set-based statement: <c>UPDATE … FROM (VALUES …) … RETURNING id</c>, each row
/// guarded by its lease token. Parameters are created by the provider's own EF type mappings, so GUIDs, numbers and
/// nulls are bound exactly as EF stores them on every database.
/// </summary>
internal static class OutcomeSql
{
    private const int Columns = 8;

    /// <summary>Applies the outcomes and returns the ids of the deliveries whose lease was still held.</summary>
    public static async Task<HashSet<Guid>> ApplyAsync(DbContext context, IReadOnlyList<DeliveryOutcome> outcomes, long now, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var types = context.GetService<IRelationalTypeMappingSource>();
        var entity = context.Model.FindEntityType(typeof(DeliveryRecord))!;
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var postgres = context.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
        string C(string name) => sql.DelimitIdentifier(name);

        var connection = context.Database.GetDbConnection();
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();

        var values = new StringBuilder();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            var completed = o.Status is DeliveryStatus.Succeeded or DeliveryStatus.Dead ? now : (long?)null;
            var error = o.Error is { Length: > 2000 } ? o.Error[..2000] : o.Error;
            object?[] row =
            [
                o.Delivery.Id, o.LeaseToken, (int)o.Status, o.Attempts, o.NextAttemptAt ?? o.Delivery.NextAttemptAt, completed,
                o.StatusCode ?? o.Delivery.LastStatusCode, error,
            ];
            Type[] rowTypes = [typeof(Guid), typeof(string), typeof(int), typeof(int), typeof(long), typeof(long), typeof(int), typeof(string)];
            values.Append(i == 0 ? "(" : ", (");
            for (var c = 0; c < Columns; c++)
            {
                var name = sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"p{i}_{c}"));
                var mapping = types.FindMapping(rowTypes[c])!;
                command.Parameters.Add(mapping.CreateParameter(command, name, row[c], nullable: true));
                values.Append(c == 0 ? string.Empty : ", ");
                values.Append(postgres ? $"{name}::{mapping.StoreType}" : name);
            }

            values.Append(')');
        }

        // PostgreSQL names VALUES columns in the alias; SQLite calls them column1 … column8.
        var v = postgres
            ? new[] { "v.id", "v.token", "v.status", "v.attempts", "v.next", "v.completed", "v.code", "v.error" }
            : Enumerable.Range(1, Columns).Select(n => "v.column" + n.ToString(CultureInfo.InvariantCulture)).ToArray();
        var alias = postgres ? "v(id, token, status, attempts, next, completed, code, error)" : "v";
        command.CommandText =
            $"UPDATE {table} SET {C("status")} = {v[2]}, {C("attempts")} = {v[3]}, {C("next_attempt_at")} = {v[4]}, " +
            $"{C("lease_owner")} = NULL, {C("lease_expires_at")} = NULL, {C("completed_at")} = {v[5]}, {C("last_status_code")} = {v[6]}, {C("last_error")} = {v[7]} " +
            $"FROM (VALUES {values}) AS {alias} " +
            $"WHERE {table}.{C("id")} = {v[0]} AND {table}.{C("lease_owner")} = {v[1]} " +
            $"RETURNING {table}.{C("id")}";

        var applied = new HashSet<Guid>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied.Add(reader.GetValue(0) switch
            {
                Guid g => g,
                string s => Guid.Parse(s),
                byte[] b => new Guid(b),
                var other => Guid.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!),
            });
        }

        return applied;
    }
}
