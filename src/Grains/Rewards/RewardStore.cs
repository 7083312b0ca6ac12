using Npgsql;
using NpgsqlTypes;
using Pointspot.Grains.Coupons;
using Pointspot.Grains.Interfaces.Rewards;

namespace Pointspot.Grains.Rewards;

/// <summary>A redemption with its stored code hash and wrong guesses.</summary>
public sealed record StoredRedemption(RedemptionView View, byte[]? CodeHash, int FailedAttempts);

/// <summary>The reward table.</summary>
public sealed class RewardStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        r.reward_id, r.name, r.description, r.kind, r.points_cost, r.stock, r.per_member_limit, r.valid_from,
        r.valid_through, r.starts_at, r.ends_at, r.image_url, r.active, r.granted_count, r.created_at
        """;

    public async Task<RewardView?> LoadAsync(Guid merchantId, Guid rewardId)
    {
        string sql = $"SELECT {Columns} FROM reward r WHERE r.merchant_id = $1 AND r.reward_id = $2";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = rewardId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    /// <summary>Lists a merchant's rewards, newest first.</summary>
    public async Task<List<RewardView>> ListAsync(Guid merchantId)
    {
        string sql = $"SELECT {Columns} FROM reward r WHERE r.merchant_id = $1 ORDER BY r.created_at DESC, r.reward_id";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        await using var reader = await command.ExecuteReaderAsync();
        var rewards = new List<RewardView>();
        while (await reader.ReadAsync())
        {
            rewards.Add(Read(reader));
        }

        return rewards;
    }

    public async Task<RewardView> InsertAsync(
        Guid merchantId, Guid rewardId, RewardDefinition f, DateTimeOffset startsAt, DateTimeOffset endsAt, string actor)
    {
        string sql = $"""
            INSERT INTO reward AS r (reward_id, merchant_id, name, description, kind, points_cost, stock,
                per_member_limit, valid_from, valid_through, starts_at, ends_at, image_url, active, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, true, $14)
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = rewardId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = f.Name });
        command.Parameters.Add(CampaignStore.Nullable(f.Description, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = f.Kind == RewardKind.Giveaway ? "GIVEAWAY" : "REDEEMABLE" });
        command.Parameters.Add(new NpgsqlParameter { Value = f.PointsCost });
        command.Parameters.Add(CampaignStore.Nullable(f.Stock, NpgsqlDbType.Integer));
        command.Parameters.Add(new NpgsqlParameter { Value = f.PerMemberLimit });
        command.Parameters.Add(new NpgsqlParameter { Value = f.ValidFrom });
        command.Parameters.Add(new NpgsqlParameter { Value = f.ValidThrough });
        command.Parameters.Add(new NpgsqlParameter { Value = startsAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = endsAt.ToUniversalTime() });
        command.Parameters.Add(CampaignStore.Nullable(f.ImageUrl, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Read(reader);
    }

    public async Task<RewardView?> SetActiveAsync(Guid merchantId, Guid rewardId, bool active)
    {
        string sql = $"""
            UPDATE reward AS r SET active = $3 WHERE r.merchant_id = $1 AND r.reward_id = $2 RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = rewardId });
        command.Parameters.Add(new NpgsqlParameter { Value = active });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    private static RewardView Read(NpgsqlDataReader r)
    {
        var fields = new RewardDefinition(
            Name: r.GetString(1),
            Description: r.IsDBNull(2) ? null : r.GetString(2),
            Kind: r.GetString(3) == "GIVEAWAY" ? RewardKind.Giveaway : RewardKind.Redeemable,
            PointsCost: r.GetInt64(4),
            Stock: r.IsDBNull(5) ? null : r.GetInt32(5),
            PerMemberLimit: r.GetInt32(6),
            ValidFrom: r.GetFieldValue<DateOnly>(7),
            ValidThrough: r.GetFieldValue<DateOnly>(8),
            ImageUrl: r.IsDBNull(11) ? null : r.GetString(11));
        return new RewardView(r.GetGuid(0), fields, CampaignStore.Instant(r, 9), CampaignStore.Instant(r, 10),
            r.GetBoolean(12), r.GetInt32(13), CampaignStore.Instant(r, 14));
    }
}
