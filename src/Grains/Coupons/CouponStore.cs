using System.Data;
using Npgsql;
using NpgsqlTypes;
using Pointspot.Grains.Interfaces.Coupons;

namespace Pointspot.Grains.Coupons;

/// <summary>Why an issue wrote no coupon.</summary>
public enum IssueRefusal
{
    None,
    StockGone,
    LimitReached,
    MemberMissing,
}

/// <summary>A coupon together with its campaign.</summary>
public sealed record StoredCoupon(CouponView Coupon, CampaignView Campaign);

/// <summary>The coupon, coupon_use and coupon_checkout tables.</summary>
public sealed class CouponStore(NpgsqlDataSource dataSource)
{
    private const string UniqueViolation = "23505";

    private const string CouponColumns = """
        k.coupon_id, k.code, k.campaign_id, k.phone, k.occasion_key, k.status, k.remaining_value, k.issued_at,
        k.used_at
        """;

    /// <summary>
    /// Issues a coupon in one transaction: returns the coupon issued before for the same member
    /// and occasion, or takes one unit of stock, checks the member's limit and inserts the coupon.
    /// The UPDATE of the campaign row locks it, so parallel issues of a campaign queue there.
    /// </summary>
    public async Task<(CouponView? Coupon, bool Replayed, IssueRefusal Refusal)> IssueAsync(
        Guid merchantId, CampaignView campaign, string phone, string occasionKey, string code, string actor)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);

        var earlier = await FindByOccasionAsync(connection, campaign.Id, phone, occasionKey);
        if (earlier is not null)
        {
            return (earlier, true, IssueRefusal.None);
        }

        await using (var member = new NpgsqlCommand(
            "SELECT 1 FROM member WHERE merchant_id = $1 AND phone = $2", connection, transaction))
        {
            member.Parameters.Add(new NpgsqlParameter { Value = merchantId });
            member.Parameters.Add(new NpgsqlParameter { Value = phone });
            if (await member.ExecuteScalarAsync() is null)
            {
                return (null, false, IssueRefusal.MemberMissing);
            }
        }

        await using (var take = new NpgsqlCommand("""
            UPDATE coupon_campaign SET issued_count = issued_count + 1
            WHERE campaign_id = $1 AND (stock IS NULL OR issued_count < stock)
            """, connection, transaction))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = campaign.Id });
            if (await take.ExecuteNonQueryAsync() == 0)
            {
                return (null, false, IssueRefusal.StockGone);
            }
        }

        await using (var count = new NpgsqlCommand(
            "SELECT count(*) FROM coupon WHERE campaign_id = $1 AND phone = $2", connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = campaign.Id });
            count.Parameters.Add(new NpgsqlParameter { Value = phone });
            if ((long)(await count.ExecuteScalarAsync())! >= campaign.Definition.PerMemberLimit)
            {
                return (null, false, IssueRefusal.LimitReached);
            }
        }

        string sql = $"""
            INSERT INTO coupon AS k (coupon_id, code, campaign_id, merchant_id, phone, occasion_key, status,
                                     remaining_value, issued_by)
            VALUES ($1, $2, $3, $4, $5, $6, 'ISSUED', $7, $8)
            RETURNING {CouponColumns}
            """;
        await using var insert = new NpgsqlCommand(sql, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        insert.Parameters.Add(new NpgsqlParameter { Value = code });
        insert.Parameters.Add(new NpgsqlParameter { Value = campaign.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        insert.Parameters.Add(new NpgsqlParameter { Value = phone });
        insert.Parameters.Add(new NpgsqlParameter { Value = occasionKey });
        insert.Parameters.Add(CampaignStore.Nullable(campaign.Definition.VoucherValue, NpgsqlDbType.Numeric));
        insert.Parameters.Add(new NpgsqlParameter { Value = actor });
        CouponView coupon;
        await using (var reader = await insert.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            coupon = ReadCoupon(reader, campaign.EndsAt);
        }

        await transaction.CommitAsync();
        return (coupon, false, IssueRefusal.None);
    }

    /// <summary>Tells whether a unique violation was a coupon code that another coupon has.</summary>
    public static bool IsCodeTaken(PostgresException exception) =>
        exception.SqlState == UniqueViolation && exception.ConstraintName == "coupon_code_key";

    public async Task<StoredCoupon?> LoadAsync(Guid merchantId, string code)
    {
        string sql = $"""
            SELECT {CouponColumns}, {CampaignStore.Columns}
            FROM coupon k JOIN coupon_campaign c ON c.campaign_id = k.campaign_id
            WHERE k.merchant_id = $1 AND k.code = $2
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = code });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var campaign = CampaignStore.Read(reader, 9);
        return new StoredCoupon(ReadCoupon(reader, campaign.EndsAt), campaign);
    }

    /// <summary>Lists a member's coupons, newest first.</summary>
    public async Task<List<CouponView>> ListForMemberAsync(Guid merchantId, string phone)
    {
        string sql = $"""
            SELECT {CouponColumns}, c.ends_at
            FROM coupon k JOIN coupon_campaign c ON c.campaign_id = k.campaign_id
            WHERE k.merchant_id = $1 AND k.phone = $2
            ORDER BY k.issued_at DESC, k.coupon_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        await using var reader = await command.ExecuteReaderAsync();
        var coupons = new List<CouponView>();
        while (await reader.ReadAsync())
        {
            coupons.Add(ReadCoupon(reader, CampaignStore.Instant(reader, 9)));
        }

        return coupons;
    }

    /// <summary>Lists the phone numbers of all members of a merchant, in order.</summary>
    public async Task<List<string>> ListMemberPhonesAsync(Guid merchantId)
    {
        await using var command = dataSource.CreateCommand("SELECT phone FROM member WHERE merchant_id = $1 ORDER BY phone");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        await using var reader = await command.ExecuteReaderAsync();
        var phones = new List<string>();
        while (await reader.ReadAsync())
        {
            phones.Add(reader.GetString(0));
        }

        return phones;
    }

    /// <summary>Returns the discount a checkout key took from a coupon, or null when it took none.</summary>
    public async Task<decimal?> FindUseAsync(Guid couponId, string checkoutKey)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT discount FROM coupon_use WHERE coupon_id = $1 AND checkout_key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = couponId });
        command.Parameters.Add(new NpgsqlParameter { Value = checkoutKey });
        return await command.ExecuteScalarAsync() is decimal discount ? discount : null;
    }

    /// <summary>
    /// Records a use and the coupon's new status and value in one transaction. Returns false,
    /// writing nothing, when the coupon is no longer in the state the caller saw.
    /// </summary>
    public async Task<bool> UseAsync(
        CouponView before, string checkoutKey, decimal discount, CouponStatus status, decimal? remainingValue)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("""
            UPDATE coupon SET status = $2, remaining_value = $3, used_at = CASE WHEN $2 = 'USED' THEN now() END
            WHERE coupon_id = $1 AND status = 'ISSUED' AND remaining_value IS NOT DISTINCT FROM $4
            """, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = before.Id });
            update.Parameters.Add(new NpgsqlParameter { Value = status == CouponStatus.Used ? "USED" : "ISSUED" });
            update.Parameters.Add(CampaignStore.Nullable(remainingValue, NpgsqlDbType.Numeric));
            update.Parameters.Add(CampaignStore.Nullable(before.RemainingValue, NpgsqlDbType.Numeric));
            if (await update.ExecuteNonQueryAsync() == 0)
            {
                return false;
            }
        }

        await using (var use = new NpgsqlCommand(
            "INSERT INTO coupon_use (coupon_id, checkout_key, discount) VALUES ($1, $2, $3)", connection, transaction))
        {
            use.Parameters.Add(new NpgsqlParameter { Value = before.Id });
            use.Parameters.Add(new NpgsqlParameter { Value = checkoutKey });
            use.Parameters.Add(new NpgsqlParameter { Value = discount });
            await use.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return true;
    }

    /// <summary>Deletes a checkout key's use of a coupon and gives its discount back; false when there was none.</summary>
    public async Task<bool> ReleaseAsync(Guid couponId, string checkoutKey)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        decimal discount;
        await using (var delete = new NpgsqlCommand(
            "DELETE FROM coupon_use WHERE coupon_id = $1 AND checkout_key = $2 RETURNING discount", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = couponId });
            delete.Parameters.Add(new NpgsqlParameter { Value = checkoutKey });
            if (await delete.ExecuteScalarAsync() is not decimal taken)
            {
                return false;
            }

            discount = taken;
        }

        await using (var restore = new NpgsqlCommand("""
            UPDATE coupon SET status = 'ISSUED', used_at = NULL, remaining_value = remaining_value + $2
            WHERE coupon_id = $1
            """, connection, transaction))
        {
            restore.Parameters.Add(new NpgsqlParameter { Value = couponId });
            restore.Parameters.Add(new NpgsqlParameter { Value = discount });
            await restore.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return true;
    }

    public async Task<(byte[] RequestHash, string Result)?> FindCheckoutAsync(Guid merchantId, string idempotencyKey)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT request_hash, result::text FROM coupon_checkout WHERE merchant_id = $1 AND idempotency_key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetFieldValue<byte[]>(0), reader.GetString(1)) : null;
    }

    public async Task InsertCheckoutAsync(Guid merchantId, string idempotencyKey, byte[] requestHash, string result)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO coupon_checkout (merchant_id, idempotency_key, request_hash, result)
            VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
        command.Parameters.Add(new NpgsqlParameter { Value = requestHash });
        command.Parameters.Add(new NpgsqlParameter { Value = result });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Returns the coupon issued to a member for an occasion, or null.</summary>
    public async Task<CouponView?> FindIssuedAsync(Guid campaignId, string phone, string occasionKey)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await FindByOccasionAsync(connection, campaignId, phone, occasionKey);
    }

    private static async Task<CouponView?> FindByOccasionAsync(
        NpgsqlConnection connection, Guid campaignId, string phone, string occasionKey)
    {
        string sql = $"""
            SELECT {CouponColumns}, c.ends_at
            FROM coupon k JOIN coupon_campaign c ON c.campaign_id = k.campaign_id
            WHERE k.campaign_id = $1 AND k.phone = $2 AND k.occasion_key = $3
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        command.Parameters.Add(new NpgsqlParameter { Value = occasionKey });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadCoupon(reader, CampaignStore.Instant(reader, 9)) : null;
    }

    private static CouponView ReadCoupon(NpgsqlDataReader r, DateTimeOffset expiresAt) => new(
        Id: r.GetGuid(0),
        Code: r.GetString(1),
        CampaignId: r.GetGuid(2),
        Phone: r.GetString(3),
        OccasionKey: r.GetString(4),
        Status: r.GetString(5) == "USED" ? CouponStatus.Used : CouponStatus.Issued,
        RemainingValue: r.IsDBNull(6) ? null : r.GetDecimal(6),
        IssuedAt: CampaignStore.Instant(r, 7),
        UsedAt: r.IsDBNull(8) ? null : CampaignStore.Instant(r, 8),
        ExpiresAt: expiresAt);
}
