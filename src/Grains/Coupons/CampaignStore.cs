using Npgsql;
using NpgsqlTypes;
using Pointspot.Grains.Interfaces.Coupons;

namespace Pointspot.Grains.Coupons;

/// <summary>The coupon_campaign table.</summary>
public sealed class CampaignStore(NpgsqlDataSource dataSource)
{
    internal const string Columns = """
        c.campaign_id, c.name, c.kind, c.discount_kind, c.discount_amount, c.discount_percent, c.free_item_sku,
        c.voucher_value, c.stock, c.per_member_limit, c.valid_from, c.valid_through, c.starts_at, c.ends_at,
        c.minimum_amount, c.required_sku, c.image_url, c.active, c.issued_count, c.created_at
        """;

    public async Task<CampaignView?> LoadAsync(Guid merchantId, Guid campaignId)
    {
        string sql = $"SELECT {Columns} FROM coupon_campaign c WHERE c.merchant_id = $1 AND c.campaign_id = $2";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader, 0) : null;
    }

    /// <summary>Lists a merchant's campaigns, newest first, optionally of some kinds only.</summary>
    public async Task<List<CampaignView>> ListAsync(Guid merchantId, IReadOnlyList<CouponKind>? kinds = null)
    {
        string sql = $"""
            SELECT {Columns} FROM coupon_campaign c
            WHERE c.merchant_id = $1 AND ($2::text[] IS NULL OR c.kind = ANY($2))
            ORDER BY c.created_at DESC, c.campaign_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = kinds is null ? DBNull.Value : kinds.Select(CampaignRules.Name).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        await using var reader = await command.ExecuteReaderAsync();
        var campaigns = new List<CampaignView>();
        while (await reader.ReadAsync())
        {
            campaigns.Add(Read(reader, 0));
        }

        return campaigns;
    }

    public async Task<CampaignView> InsertAsync(
        Guid merchantId, Guid campaignId, CampaignDefinition f, DateTimeOffset startsAt, DateTimeOffset endsAt, string actor)
    {
        string sql = $"""
            INSERT INTO coupon_campaign AS c (campaign_id, merchant_id, name, kind, discount_kind, discount_amount,
                discount_percent, free_item_sku, voucher_value, stock, per_member_limit, valid_from, valid_through,
                starts_at, ends_at, minimum_amount, required_sku, image_url, active, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, true, $19)
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = f.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = CampaignRules.Name(f.Kind) });
        command.Parameters.Add(new NpgsqlParameter { Value = CampaignRules.Name(f.DiscountKind) });
        command.Parameters.Add(Nullable(f.DiscountAmount, NpgsqlDbType.Numeric));
        command.Parameters.Add(Nullable(f.DiscountPercent, NpgsqlDbType.Numeric));
        command.Parameters.Add(Nullable(f.FreeItemSku, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(f.VoucherValue, NpgsqlDbType.Numeric));
        command.Parameters.Add(Nullable(f.Stock, NpgsqlDbType.Integer));
        command.Parameters.Add(new NpgsqlParameter { Value = f.PerMemberLimit });
        command.Parameters.Add(new NpgsqlParameter { Value = f.ValidFrom });
        command.Parameters.Add(new NpgsqlParameter { Value = f.ValidThrough });
        command.Parameters.Add(new NpgsqlParameter { Value = startsAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = endsAt.ToUniversalTime() });
        command.Parameters.Add(Nullable(f.MinimumAmount, NpgsqlDbType.Numeric));
        command.Parameters.Add(Nullable(f.RequiredSku, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(f.ImageUrl, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Read(reader, 0);
    }

    public async Task<CampaignView?> SetActiveAsync(Guid merchantId, Guid campaignId, bool active)
    {
        string sql = $"""
            UPDATE coupon_campaign AS c SET active = $3 WHERE c.merchant_id = $1 AND c.campaign_id = $2
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = active });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader, 0) : null;
    }

    /// <summary>Reads the campaign columns that start at <paramref name="first"/>.</summary>
    internal static CampaignView Read(NpgsqlDataReader r, int first)
    {
        int i = first;
        var id = r.GetGuid(i);
        var fields = new CampaignDefinition(
            Name: r.GetString(i + 1),
            Kind: ParseKind(r.GetString(i + 2)),
            DiscountKind: ParseDiscountKind(r.GetString(i + 3)),
            DiscountAmount: r.IsDBNull(i + 4) ? null : r.GetDecimal(i + 4),
            DiscountPercent: r.IsDBNull(i + 5) ? null : r.GetDecimal(i + 5),
            FreeItemSku: r.IsDBNull(i + 6) ? null : r.GetString(i + 6),
            VoucherValue: r.IsDBNull(i + 7) ? null : r.GetDecimal(i + 7),
            Stock: r.IsDBNull(i + 8) ? null : r.GetInt32(i + 8),
            PerMemberLimit: r.GetInt32(i + 9),
            ValidFrom: r.GetFieldValue<DateOnly>(i + 10),
            ValidThrough: r.GetFieldValue<DateOnly>(i + 11),
            MinimumAmount: r.IsDBNull(i + 14) ? null : r.GetDecimal(i + 14),
            RequiredSku: r.IsDBNull(i + 15) ? null : r.GetString(i + 15),
            ImageUrl: r.IsDBNull(i + 16) ? null : r.GetString(i + 16));
        return new CampaignView(id, fields, Instant(r, i + 12), Instant(r, i + 13), r.GetBoolean(i + 17),
            r.GetInt32(i + 18), Instant(r, i + 19));
    }

    internal static DateTimeOffset Instant(NpgsqlDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    internal static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static CouponKind ParseKind(string value) => value switch
    {
        "WELCOME" => CouponKind.Welcome,
        "PROMOTION" => CouponKind.Promotion,
        "PURCHASE" => CouponKind.Purchase,
        "GIFT_VOUCHER" => CouponKind.GiftVoucher,
        "COUNTER" => CouponKind.Counter,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown coupon kind."),
    };

    private static DiscountKind ParseDiscountKind(string value) => value switch
    {
        "AMOUNT" => DiscountKind.Amount,
        "PERCENT" => DiscountKind.Percent,
        "FREE_ITEM" => DiscountKind.FreeItem,
        "VALUE" => DiscountKind.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown discount kind."),
    };
}
