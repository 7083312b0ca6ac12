using Npgsql;
using Pointspot.Grains.Interfaces.Wheel;

namespace Pointspot.Grains.Wheel;

/// <summary>A stored spin: which prize it drew and which numbers it took.</summary>
public sealed record StoredSpin(
    Guid SpinId,
    string Phone,
    DateOnly LocalDay,
    int DaySpinNumber,
    int PrizeId,
    int? PrizeUnit,
    long SpinCost,
    long PrizePoints,
    DateTimeOffset SpunAt);

/// <summary>A game as loaded by its grain: the prizes with their win counts and the highest unit each has taken.</summary>
public sealed record StoredGame(WheelGameView Game, Dictionary<int, int> LastUnits);

/// <summary>The wheel_game, wheel_prize and wheel_spin tables.</summary>
public sealed class WheelStore(NpgsqlDataSource dataSource)
{
    private const string UniqueViolation = "23505";

    public async Task CreateAsync(WheelGameView game)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("""
            INSERT INTO wheel_game (game_id, merchant_id, name, spin_cost, daily_spin_limit, active, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, connection, transaction))
        {
            Add(command, game.Id, game.MerchantId, game.Name, game.SpinCost, game.DailySpinLimit, game.Active,
                game.CreatedAt.UtcDateTime);
            await command.ExecuteNonQueryAsync();
        }

        foreach (var prize in game.Prizes)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO wheel_prize (game_id, prize_id, label, kind, points, weight, stock, campaign_id, reward_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """, connection, transaction);
            Add(command, game.Id, prize.Id, prize.Label, KindToDatabase(prize.Kind), prize.Points, prize.Weight,
                (object?)prize.Stock ?? DBNull.Value, (object?)prize.CampaignId ?? DBNull.Value,
                (object?)prize.RewardId ?? DBNull.Value);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async Task<StoredGame?> LoadAsync(Guid gameId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        WheelGameView? game = null;
        await using (var command = new NpgsqlCommand("""
            SELECT merchant_id, name, spin_cost, daily_spin_limit, active, created_at
            FROM wheel_game WHERE game_id = $1
            """, connection))
        {
            Add(command, gameId);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                return null;
            }

            game = new WheelGameView(gameId, reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2),
                reader.GetInt32(3), reader.GetBoolean(4), [], ToUtc(reader.GetDateTime(5)));
        }

        var prizes = new List<WheelPrizeView>();
        var lastUnits = new Dictionary<int, int>();
        await using (var command = new NpgsqlCommand("""
            SELECT p.prize_id, p.label, p.kind, p.points, p.weight, p.stock,
                   count(s.spin_id)::int, coalesce(max(s.prize_unit), 0), p.campaign_id, p.reward_id
            FROM wheel_prize p
            LEFT JOIN wheel_spin s ON s.game_id = p.game_id AND s.prize_id = p.prize_id
            WHERE p.game_id = $1
            GROUP BY p.prize_id ORDER BY p.prize_id
            """, connection))
        {
            Add(command, gameId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                int prizeId = reader.GetInt32(0);
                prizes.Add(new WheelPrizeView(prizeId, reader.GetString(1), KindFromDatabase(reader.GetString(2)),
                    reader.GetInt64(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.GetInt32(6), reader.IsDBNull(8) ? null : reader.GetGuid(8),
                    reader.IsDBNull(9) ? null : reader.GetGuid(9)));
                lastUnits[prizeId] = reader.GetInt32(7);
            }
        }

        return new StoredGame(game with { Prizes = prizes }, lastUnits);
    }

    public async Task SetActiveAsync(Guid gameId, bool active)
    {
        await using var command = dataSource.CreateCommand("UPDATE wheel_game SET active = $2 WHERE game_id = $1");
        Add(command, gameId, active);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<List<Guid>> ListGameIdsAsync(Guid merchantId)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT game_id FROM wheel_game WHERE merchant_id = $1 ORDER BY created_at, game_id");
        Add(command, merchantId);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public async Task<StoredSpin?> FindSpinAsync(Guid gameId, string phone, string idempotencyKey)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {SpinColumns} FROM wheel_spin
            WHERE game_id = $1 AND phone = $2 AND idempotency_key = $3
            """);
        Add(command, gameId, phone, idempotencyKey);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadSpin(reader) : null;
    }

    /// <summary>Returns how many spins the member has on the local day, and the highest day number taken.</summary>
    public async Task<(int Count, int LastNumber)> CountDaySpinsAsync(Guid gameId, string phone, DateOnly localDay)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*)::int, coalesce(max(day_spin_number), 0) FROM wheel_spin
            WHERE game_id = $1 AND phone = $2 AND local_day = $3
            """);
        Add(command, gameId, phone, localDay);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Records a spin; returns false when its day number or prize unit was taken already.</summary>
    public async Task<bool> InsertSpinAsync(Guid gameId, Guid merchantId, string idempotencyKey, StoredSpin spin)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO wheel_spin (spin_id, game_id, merchant_id, phone, idempotency_key, local_day, day_spin_number,
                                    prize_id, prize_unit, spin_cost, prize_points, spun_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """);
        Add(command, spin.SpinId, gameId, merchantId, spin.Phone, idempotencyKey, spin.LocalDay, spin.DaySpinNumber,
            spin.PrizeId, (object?)spin.PrizeUnit ?? DBNull.Value, spin.SpinCost, spin.PrizePoints,
            spin.SpunAt.UtcDateTime);
        try
        {
            await command.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>Deletes a spin that was never charged, which gives back its day number and its prize unit.</summary>
    public async Task DeleteSpinAsync(Guid spinId)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM wheel_spin WHERE spin_id = $1");
        Add(command, spinId);
        await command.ExecuteNonQueryAsync();
    }

    public static string KindToDatabase(WheelPrizeKind kind) => kind switch
    {
        WheelPrizeKind.Points => "POINTS",
        WheelPrizeKind.Nothing => "NOTHING",
        WheelPrizeKind.Coupon => "COUPON",
        WheelPrizeKind.Reward => "REWARD",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wheel prize kind."),
    };

    private static WheelPrizeKind KindFromDatabase(string value) => value switch
    {
        "POINTS" => WheelPrizeKind.Points,
        "NOTHING" => WheelPrizeKind.Nothing,
        "COUPON" => WheelPrizeKind.Coupon,
        "REWARD" => WheelPrizeKind.Reward,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown wheel prize kind."),
    };

    private const string SpinColumns = """
        spin_id, phone, local_day, day_spin_number, prize_id, prize_unit, spin_cost, prize_points, spun_at
        """;

    private static StoredSpin ReadSpin(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetInt32(3),
        reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7),
        ToUtc(reader.GetDateTime(8)));

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
