using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Integrations.Storage;

/// <summary>
/// One mapped column of an entity, for storages that write rows with their own SQL: its name, type mapping, and how to
/// read a row's value exactly as EF Core would store it (after the model's value converter), so a row written here
/// reads back through EF unchanged.
/// </summary>
internal sealed class EntityColumn
{
    private readonly IClrPropertyGetter _getter;
    private readonly ValueConverter? _converter;

    private EntityColumn(IProperty property, StoreObjectIdentifier store)
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

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The provider's type mapping.</summary>
    public RelationalTypeMapping Mapping { get; }

    /// <summary>The CLR type of the column's values as the provider receives them (nullable when the column is).</summary>
    public Type ElementType { get; }

    /// <summary>The mapped table of <typeparamref name="T"/> (delimited) and its columns in model order.</summary>
    public static (string Table, EntityColumn[] Columns) Of<T>(DbContext context)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var entity = context.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model: call modelBuilder.AddIntegrations().");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return (sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema()), entity.GetProperties().Select(p => new EntityColumn(p, store)).ToArray());
    }

    /// <summary>The row's value as the database stores it (enums as numbers, for example).</summary>
    public object? Read(object row)
    {
        var value = _getter.GetClrValue(row);
        return _converter is null || value is null ? value : _converter.ConvertToProvider(value);
    }
}
