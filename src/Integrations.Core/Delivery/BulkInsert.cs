using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Delivery;

/// <summary>
/// Multi-row <c>INSERT … VALUES (…), (…)</c> for the outbox and the attempt log, with parameters created by the EF
/// model's own type mappings: the same columns and value conversions as <c>SaveChanges</c>, without its per-entity
/// change-tracking cost. Runs in the context's current transaction, if any.
/// </summary>
internal static class BulkInsert
{
    private const int MaxParametersPerStatement = 4_000;

    public static async Task InsertAsync<T>(DbContext context, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var sql = context.GetService<ISqlGenerationHelper>();
        var entity = context.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model: call modelBuilder.AddIntegrations().");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().ToArray();
        var getters = properties.Select(p => p.PropertyInfo ?? throw new InvalidOperationException($"{p.Name} has no CLR property.")).ToArray();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var head = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())).Append(" (")
            .AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)))
            .Append(") VALUES ").ToString();
        var rowsPerStatement = Math.Max(1, MaxParametersPerStatement / properties.Length);
        var connection = context.Database.GetDbConnection();
        var openedHere = connection.State != System.Data.ConnectionState.Open;
        if (openedHere)
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var command = connection.CreateCommand();
                await using var commandScope = command.ConfigureAwait(false);
                command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
                var text = new StringBuilder(head);
                var end = Math.Min(rows.Count, start + rowsPerStatement);
                for (var i = start; i < end; i++)
                {
                    text.Append(i == start ? "(" : ", (");
                    for (var c = 0; c < properties.Length; c++)
                    {
                        var name = sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"r{i - start}_{c}"));
                        var value = Convert(properties[c], getters[c].GetValue(rows[i]));
                        command.Parameters.Add(mappings[c].CreateParameter(command, name, value, nullable: true));
                        text.Append(c == 0 ? string.Empty : ", ").Append(name);
                    }

                    text.Append(')');
                }

                command.CommandText = text.ToString();
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (openedHere)
            {
                await context.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    // Applies the model's value converter (enums stored as numbers, for example) as SaveChanges would.
    private static object? Convert(IProperty property, object? value)
    {
        var converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;
        return converter is null || value is null ? value : converter.ConvertToProvider(value);
    }
}
