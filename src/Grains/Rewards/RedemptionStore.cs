using System.Data;
using Npgsql;
using NpgsqlTypes;
using Pointspot.Grains.Coupons;
using Pointspot.Grains.Interfaces.Rewards;

namespace Pointspot.Grains.Rewards;

/// <summary>Why a redemption or a gift took no stock.</summary>
public enum GrantRefusal
{
    None,
    StockGone,
    LimitReached,
    MemberMissing,
}

/// <summary>The reward_redemption table, and the stock counter of the reward table.</summary>
public sealed class RedemptionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        d.redemption_id, d.reward_id, d.phone, d.status, d.points, d.code_expires_at, d.entry_id, d.created_at,
        d.decided_at, d.code_hash, d.failed_attempts
        """;

    // Statuses that hold one unit of the reward's stock and count toward the member's limit.
    private const string Granted = "('CONFIRMING', 'CONFIRMED', 'GIVEN')";

    /// <summary>Counts the member's redemptions that took stock, for the per-member limit.</summary>
    public async Task<long> CountGrantedAsync(Guid rewardId, string phone)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT count(*) FROM reward_redemption WHERE reward_id = $1 AND phone = $2 AND status IN {Granted}");
        command.Parameters.Add(new NpgsqlParameter { Value = rewardId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Starts a counter redemption; the member's earlier pending code for the reward stops working.</summary>
    public async Task<RedemptionView> InsertPendingAsync(
        Guid merchantId, Guid rewardId, string phone, long points, byte[] codeHash, DateTimeOffset expiresAt, string actor)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var cancel = new NpgsqlCommand("""
            UPDATE reward_redemption SET status = 'CANCELLED', decided_at = now(), decided_by = $3
            WHERE reward_id = $1 AND phone = $2 AND status = 'PENDING'
            """, connection, transaction))
        {
            cancel.Parameters.Add(new NpgsqlParameter { Value = rewardId });
            cancel.Parameters.Add(new NpgsqlParameter { Value = phone });
            cancel.Parameters.Add(new NpgsqlParameter { Value = actor });
            await cancel.ExecuteNonQueryAsync();
        }

        string sql = $"""
            INSERT INTO reward_redemption AS d (redemption_id, reward_id, merchant_id, phone, status, points,
                                                code_hash, code_expires_at, created_by)
            VALUES ($1, $2, $3, $4, 'PENDING', $5, $6, $7, $8)
            RETURNING {Columns}
            """;
        await using var insert = new NpgsqlCommand(sql, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rewardId });
        insert.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        insert.Parameters.Add(new NpgsqlParameter { Value = phone });
        insert.Parameters.Add(new NpgsqlParameter { Value = points });
        insert.Parameters.Add(new NpgsqlParameter { Value = codeHash });
        insert.Parameters.Add(new NpgsqlParameter { Value = expiresAt.ToUniversalTime() });
        insert.Parameters.Add(new NpgsqlParameter { Value = actor });
        RedemptionView view;
        await using (var reader = await insert.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            view = Read(reader).View;
        }

        await transaction.CommitAsync();
        return view;
    }

    /// <summary>Returns the member's latest counter redemption of a reward that is pending or went further.</summary>
    public async Task<StoredRedemption?> FindLatestCodeAsync(Guid rewardId, string phone)
    {
        string sql = $"""
            SELECT {Columns} FROM reward_redemption d
            WHERE d.reward_id = $1 AND d.phone = $2 AND d.code_hash IS NOT NULL
            ORDER BY d.created_at DESC LIMIT 1
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = rewardId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    /// <summary>Counts a wrong code; the redemption is cancelled once <paramref name="maxAttempts"/> is reached.</summary>
    public async Task<int> RecordWrongCodeAsync(Guid redemptionId, int maxAttempts)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE reward_redemption SET failed_attempts = failed_attempts + 1,
                status = CASE WHEN failed_attempts + 1 >= $2 THEN 'CANCELLED' ELSE status END,
                decided_at = CASE WHEN failed_attempts + 1 >= $2 THEN now() ELSE decided_at END
            WHERE redemption_id = $1 AND status = 'PENDING'
            RETURNING failed_attempts
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = redemptionId });
        command.Parameters.Add(new NpgsqlParameter { Value = maxAttempts });
        return await command.ExecuteScalarAsync() is int attempts ? attempts : maxAttempts;
    }

    public async Task CancelPendingAsync(Guid redemptionId, string actor)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE reward_redemption SET status = 'CANCELLED', decided_at = now(), decided_by = $2
            WHERE redemption_id = $1 AND status = 'PENDING'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = redemptionId });
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Takes one unit of stock for a pending redemption and marks it CONFIRMING, in one
    /// transaction that also checks the member's limit. The UPDATE of the reward row locks it,
    /// so parallel confirmations of a reward queue there.
    /// </summary>
    public async Task<GrantRefusal> TakeStockAsync(Guid redemptionId, Guid rewardId, string phone, int perMemberLimit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);
        var refusal = await TakeAsync(connection, rewardId, phone, perMemberLimit);
        if (refusal != GrantRefusal.None)
        {
            return refusal;
        }

        await using var confirming = new NpgsqlCommand(
            "UPDATE reward_redemption SET status = 'CONFIRMING' WHERE redemption_id = $1 AND status = 'PENDING'",
            connection, transaction);
        confirming.Parameters.Add(new NpgsqlParameter { Value = redemptionId });
        if (await confirming.ExecuteNonQueryAsync() == 0)
        {
            throw new InvalidOperationException($"Redemption {redemptionId} is no longer pending.");
        }

        await transaction.CommitAsync();
        return GrantRefusal.None;
    }

    /// <summary>Marks a CONFIRMING redemption as CONFIRMED by its REDEEM ledger entry.</summary>
    public async Task<RedemptionView> CompleteAsync(Guid redemptionId, long entryId, string actor)
    {
        string sql = $"""
            UPDATE reward_redemption AS d SET status = 'CONFIRMED', entry_id = $2, decided_at = now(), decided_by = $3
            WHERE d.redemption_id = $1 AND d.status IN ('CONFIRMING', 'CONFIRMED')
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = redemptionId });
        command.Parameters.Add(new NpgsqlParameter { Value = entryId });
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Read(reader).View;
    }

    /// <summary>Cancels a CONFIRMING redemption whose points could not be spent, and gives its stock back.</summary>
    public async Task ReturnStockAsync(Guid redemptionId, Guid rewardId, string actor)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var cancel = new NpgsqlCommand("""
            UPDATE reward_redemption SET status = 'CANCELLED', decided_at = now(), decided_by = $2
            WHERE redemption_id = $1 AND status = 'CONFIRMING'
            """, connection, transaction))
        {
            cancel.Parameters.Add(new NpgsqlParameter { Value = redemptionId });
            cancel.Parameters.Add(new NpgsqlParameter { Value = actor });
            if (await cancel.ExecuteNonQueryAsync() == 0)
            {
                return;
            }
        }

        await using var give = new NpgsqlCommand(
            "UPDATE reward SET granted_count = granted_count - 1 WHERE reward_id = $1", connection, transaction);
        give.Parameters.Add(new NpgsqlParameter { Value = rewardId });
        await give.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>
    /// Gives a reward for an occasion in one transaction: returns the gift made before for it,
    /// or takes stock, checks the member's limit and inserts a GIVEN redemption.
    /// </summary>
    public async Task<(RedemptionView? Redemption, bool Replayed, GrantRefusal Refusal)> GiveAsync(
        Guid merchantId, Guid rewardId, string phone, string occasionKey, int perMemberLimit, string actor)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);
        string find = $"""
            SELECT {Columns} FROM reward_redemption d
            WHERE d.reward_id = $1 AND d.phone = $2 AND d.occasion_key = $3
            """;
        await using (var earlier = new NpgsqlCommand(find, connection, transaction))
        {
            earlier.Parameters.Add(new NpgsqlParameter { Value = rewardId });
            earlier.Parameters.Add(new NpgsqlParameter { Value = phone });
            earlier.Parameters.Add(new NpgsqlParameter { Value = occasionKey });
            await using var reader = await earlier.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                return (Read(reader).View, true, GrantRefusal.None);
            }
        }

        await using (var member = new NpgsqlCommand(
            "SELECT 1 FROM member WHERE merchant_id = $1 AND phone = $2", connection, transaction))
        {
            member.Parameters.Add(new NpgsqlParameter { Value = merchantId });
            member.Parameters.Add(new NpgsqlParameter { Value = phone });
            if (await member.ExecuteScalarAsync() is null)
            {
                return (null, false, GrantRefusal.MemberMissing);
            }
        }

        var refusal = await TakeAsync(connection, rewardId, phone, perMemberLimit);
        if (refusal != GrantRefusal.None)
        {
            return (null, false, refusal);
        }

        string sql = $"""
            INSERT INTO reward_redemption AS d (redemption_id, reward_id, merchant_id, phone, status, points,
                                                occasion_key, created_by, decided_by, decided_at)
            VALUES ($1, $2, $3, $4, 'GIVEN', 0, $5, $6, $6, now())
            RETURNING {Columns}
            """;
        await using var insert = new NpgsqlCommand(sql, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rewardId });
        insert.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        insert.Parameters.Add(new NpgsqlParameter { Value = phone });
        insert.Parameters.Add(new NpgsqlParameter { Value = occasionKey });
        insert.Parameters.Add(new NpgsqlParameter { Value = actor });
        RedemptionView view;
        await using (var reader = await insert.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            view = Read(reader).View;
        }

        await transaction.CommitAsync();
        return (view, false, GrantRefusal.None);
    }

    /// <summary>Lists a member's redemptions and gifts, newest first, without pending or cancelled codes.</summary>
    public async Task<List<RedemptionView>> ListForMemberAsync(Guid merchantId, string phone)
    {
        string sql = $"""
            SELECT {Columns} FROM reward_redemption d
            WHERE d.merchant_id = $1 AND d.phone = $2 AND d.status IN {Granted}
            ORDER BY d.created_at DESC, d.redemption_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        await using var reader = await command.ExecuteReaderAsync();
        var redemptions = new List<RedemptionView>();
        while (await reader.ReadAsync())
        {
            redemptions.Add(Read(reader).View);
        }

        return redemptions;
    }

    private static async Task<GrantRefusal> TakeAsync(NpgsqlConnection connection, Guid rewardId, string phone, int limit)
    {
        await using (var take = new NpgsqlCommand("""
            UPDATE reward SET granted_count = granted_count + 1
            WHERE reward_id = $1 AND (stock IS NULL OR granted_count < stock)
            """, connection))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = rewardId });
            if (await take.ExecuteNonQueryAsync() == 0)
            {
                return GrantRefusal.StockGone;
            }
        }

        await using var count = new NpgsqlCommand(
            $"SELECT count(*) FROM reward_redemption WHERE reward_id = $1 AND phone = $2 AND status IN {Granted}",
            connection);
        count.Parameters.Add(new NpgsqlParameter { Value = rewardId });
        count.Parameters.Add(new NpgsqlParameter { Value = phone });
        return (long)(await count.ExecuteScalarAsync())! >= limit ? GrantRefusal.LimitReached : GrantRefusal.None;
    }

    private static StoredRedemption Read(NpgsqlDataReader r)
    {
        var status = r.GetString(3) switch
        {
            "PENDING" => RedemptionStatus.Pending,
            "CONFIRMING" => RedemptionStatus.Confirming,
            "CONFIRMED" => RedemptionStatus.Confirmed,
            "GIVEN" => RedemptionStatus.Given,
            _ => RedemptionStatus.Cancelled,
        };
        var view = new RedemptionView(r.GetGuid(0), r.GetGuid(1), r.GetString(2), status, r.GetInt64(4),
            r.IsDBNull(5) ? null : CampaignStore.Instant(r, 5), r.IsDBNull(6) ? null : r.GetInt64(6),
            CampaignStore.Instant(r, 7), r.IsDBNull(8) ? null : CampaignStore.Instant(r, 8));
        return new StoredRedemption(view, r.IsDBNull(9) ? null : r.GetFieldValue<byte[]>(9), r.GetInt32(10));
    }
}
