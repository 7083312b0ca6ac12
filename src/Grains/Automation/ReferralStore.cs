using Npgsql;
using Pointspot.Grains.Interfaces.Automation;

namespace Pointspot.Grains.Automation;

/// <summary>The referral_program, referral_code and referral tables.</summary>
public sealed class ReferralStore(NpgsqlDataSource dataSource)
{
    private const string UniqueViolation = "23505";

    public async Task SetProgramAsync(Guid merchantId, ReferralProgram program)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO referral_program (merchant_id, referrer_points, referee_points) VALUES ($1, $2, $3)
            ON CONFLICT (merchant_id) DO UPDATE SET referrer_points = $2, referee_points = $3, updated_at = now()
            """);
        Add(command, merchantId, program.ReferrerPoints, program.RefereePoints);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<ReferralProgram?> GetProgramAsync(Guid merchantId)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT referrer_points, referee_points FROM referral_program WHERE merchant_id = $1");
        Add(command, merchantId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new ReferralProgram(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    public async Task<string?> FindCodeAsync(Guid merchantId, string phone)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT code FROM referral_code WHERE merchant_id = $1 AND phone = $2");
        Add(command, merchantId, phone);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Stores a member's code; returns false when another member of the merchant has it.</summary>
    public async Task<bool> TryInsertCodeAsync(Guid merchantId, string phone, string code)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO referral_code (merchant_id, phone, code) VALUES ($1, $2, $3)
            ON CONFLICT (merchant_id, phone) DO NOTHING
            """);
        Add(command, merchantId, phone, code);
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

    public async Task<string?> FindOwnerAsync(Guid merchantId, string code)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT phone FROM referral_code WHERE merchant_id = $1 AND code = $2");
        Add(command, merchantId, code);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Returns true when <paramref name="phone"/> is <paramref name="start"/> or one of the members who referred it, directly or not.</summary>
    public async Task<bool> IsInReferrerChainAsync(Guid merchantId, string start, string phone)
    {
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE chain(phone) AS (
                SELECT $2::text
                UNION
                SELECT r.referrer_phone FROM referral r JOIN chain c ON r.referee_phone = c.phone
                WHERE r.merchant_id = $1)
            SELECT EXISTS (SELECT 1 FROM chain WHERE phone = $3)
            """);
        Add(command, merchantId, start, phone);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    public async Task<bool> HasEarnedAsync(Guid merchantId, string phone)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM point_ledger WHERE merchant_id = $1 AND phone = $2 AND kind = 'EARN')
            """);
        Add(command, merchantId, phone);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Records a referral; returns false when the referee was referred already.</summary>
    public async Task<bool> TryInsertReferralAsync(Guid merchantId, string refereePhone, string referrerPhone)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO referral (merchant_id, referee_phone, referrer_phone) VALUES ($1, $2, $3)
            ON CONFLICT (merchant_id, referee_phone) DO NOTHING
            """);
        Add(command, merchantId, refereePhone, referrerPhone);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<ReferralView?> GetReferralAsync(Guid merchantId, string refereePhone)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT referee_phone, referrer_phone, referred_at, rewarded_at FROM referral
            WHERE merchant_id = $1 AND referee_phone = $2
            """);
        Add(command, merchantId, refereePhone);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new ReferralView(reader.GetString(0), reader.GetString(1), ToUtc(reader.GetDateTime(2)),
                reader.IsDBNull(3) ? null : ToUtc(reader.GetDateTime(3)))
            : null;
    }

    public async Task MarkRewardedAsync(Guid merchantId, string refereePhone)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE referral SET rewarded_at = now()
            WHERE merchant_id = $1 AND referee_phone = $2 AND rewarded_at IS NULL
            """);
        Add(command, merchantId, refereePhone);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
