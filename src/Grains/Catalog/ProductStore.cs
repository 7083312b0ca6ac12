using Npgsql;
using NpgsqlTypes;
using Pointspot.Grains.Interfaces.Catalog;

namespace Pointspot.Grains.Catalog;

/// <summary>The product table.</summary>
public sealed class ProductStore(NpgsqlDataSource dataSource)
{
    private const string UniqueViolation = "23505";

    private const string Columns = """
        product_id, sku, name, category, price, active, points_per_unit, multiplier, created_at, updated_at
        """;

    public async Task<List<ProductView>> ListAsync(Guid merchantId)
    {
        string sql = $"SELECT {Columns} FROM product WHERE merchant_id = $1";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        await using var reader = await command.ExecuteReaderAsync();
        var products = new List<ProductView>();
        while (await reader.ReadAsync())
        {
            products.Add(Read(reader));
        }

        return products;
    }

    /// <summary>Inserts a product; returns null when the merchant already has a product with the SKU.</summary>
    public async Task<ProductView?> InsertAsync(Guid merchantId, Guid productId, ProductFields fields, string actor)
    {
        string sql = $"""
            INSERT INTO product (product_id, merchant_id, sku, name, category, price, active, points_per_unit,
                                 multiplier, updated_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = productId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        AddFields(command, fields, actor);
        return await ExecuteAsync(command);
    }

    /// <summary>
    /// Replaces the fields of a product. Returns null when the SKU belongs to another product of
    /// the merchant; throws <see cref="KeyNotFoundException"/> when the product does not exist.
    /// </summary>
    public async Task<ProductView?> UpdateAsync(Guid merchantId, Guid productId, ProductFields fields, string actor)
    {
        string sql = $"""
            UPDATE product SET sku = $3, name = $4, category = $5, price = $6, active = $7,
                points_per_unit = $8, multiplier = $9, updated_by = $10, updated_at = now()
            WHERE product_id = $1 AND merchant_id = $2
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = productId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        AddFields(command, fields, actor);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync()
                ? Read(reader)
                : throw new KeyNotFoundException($"Product {productId} does not exist.");
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            return null;
        }
    }

    private static void AddFields(NpgsqlCommand command, ProductFields fields, string actor)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = fields.Sku });
        command.Parameters.Add(new NpgsqlParameter { Value = fields.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)fields.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = fields.Price });
        command.Parameters.Add(new NpgsqlParameter { Value = fields.Active });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)fields.PointsPerUnit ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)fields.Multiplier ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
    }

    private static async Task<ProductView?> ExecuteAsync(NpgsqlCommand command)
    {
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return Read(reader);
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            return null;
        }
    }

    private static ProductView Read(NpgsqlDataReader reader) => new(
        Id: reader.GetGuid(0),
        Sku: reader.GetString(1),
        Name: reader.GetString(2),
        Category: reader.IsDBNull(3) ? null : reader.GetString(3),
        Price: reader.GetDecimal(4),
        Active: reader.GetBoolean(5),
        PointsPerUnit: reader.IsDBNull(6) ? null : reader.GetInt64(6),
        Multiplier: reader.IsDBNull(7) ? null : reader.GetDecimal(7),
        CreatedAt: ToUtc(reader.GetDateTime(8)),
        UpdatedAt: ToUtc(reader.GetDateTime(9)));

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
