using System.Data.Common;
using System.Globalization;
using Integrations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Integrations.Delivery;

/// <summary>
/// Inserts many rows of one mapped entity without <c>SaveChanges</c>' per-entity change tracking, with the EF model's
/// own columns and value conversions. On PostgreSQL all rows go in one statement, one array parameter per column
/// (<c>INSERT … SELECT * FROM unnest(…)</c>). Elsewhere one prepared single-row statement is executed per row, which SQLite
/// runs fastest (a statement with thousands of named parameters costs SQLite quadratic time to bind); on SQLite it is
/// prepared on the native handle and bound by position (<see cref="SqliteNativeStatement"/>). Runs in the context's
/// current transaction, if any.
/// </summary>
internal static class BulkInsert
{
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
        var columns = entity.GetProperties().Select(p => new Column(p, store)).ToArray();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var columnList = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        var names = columns.Select((_, i) => sql.GenerateParameterName("b" + i.ToString(CultureInfo.InvariantCulture))).ToArray();

        var connection = await ConnectionLease.OpenAsync(context, cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        if (context.GetDatabaseProvider() == DatabaseProvider.PostgreSql)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                command.Parameters.Add(columns[c].ArrayParameter(command, names[c], rows));
            }

            command.CommandText = $"INSERT INTO {table} ({columnList}) SELECT * FROM unnest({string.Join(", ", names)})";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (columns.All(c => SqliteNativeStatement.Supports(c.ElementType, c.Mapping.StoreType))
            && SqliteNativeStatement.TryPrepare(connection.Connection, $"INSERT INTO {table} ({columnList}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})") is { } native)
        {
            using (native)
            {
                foreach (var row in rows)
                {
                    for (var c = 0; c < columns.Length; c++)
                    {
                        native.Bind(c, columns[c].Read(row));
                    }

                    native.Execute();
                }
            }

            return;
        }

        var parameters = new DbParameter[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            parameters[c] = columns[c].Mapping.CreateParameter(command, names[c], null, nullable: true);
            command.Parameters.Add(parameters[c]);
        }

        command.CommandText = $"INSERT INTO {table} ({columnList}) VALUES ({string.Join(", ", names)})";
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[c].Value = columns[c].Read(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One mapped column: its name, type mapping, and how to read a row's value as the database stores it.</summary>
    private sealed class Column
    {
        private readonly IClrPropertyGetter _getter;
        private readonly ValueConverter? _converter;

        public Column(IProperty property, StoreObjectIdentifier store)
        {
            _getter = property.GetGetter();
            Name = property.GetColumnName(store)!;
            Mapping = property.GetRelationalTypeMapping();
            _converter = property.GetValueConverter() ?? Mapping.Converter;
            var providerType = _converter?.ProviderClrType ?? property.ClrType;
            ElementType = property.IsNullable && providerType.IsValueType && Nullable.GetUnderlyingType(providerType) is null
                ? typeof(Nullable<>).MakeGenericType(providerType)
                : providerType;
        }

        public string Name { get; }

        public RelationalTypeMapping Mapping { get; }

        /// <summary>The CLR type of the column's values as the provider receives them (nullable when the column is).</summary>
        public Type ElementType { get; }

        /// <summary>The row's value after the model's value converter (enums stored as numbers, for example).</summary>
        public object? Read(object row)
        {
            var value = _getter.GetClrValue(row);
            return _converter is null || value is null ? value : _converter.ConvertToProvider(value);
        }

        /// <summary>A parameter holding this column's values of every row as a typed array (for <c>unnest</c>).</summary>
        public DbParameter ArrayParameter<T>(DbCommand command, string name, IReadOnlyList<T> rows)
            where T : class
        {
            var values = Array.CreateInstance(ElementType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                values.SetValue(Read(rows[i]), i);
            }

            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = values;
            return parameter;
        }
    }
}
