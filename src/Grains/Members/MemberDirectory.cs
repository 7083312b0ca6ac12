using Npgsql;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Members;

/// <summary>Writes member profiles to the member table.</summary>
public sealed class MemberDirectory(NpgsqlDataSource dataSource)
{
    /// <summary>Registers a member, creating the row when the phone number has not earned yet.</summary>
    public async Task RegisterAsync(Guid merchantId, string phone, MemberProfile profile)
    {
        const string sql = """
            INSERT INTO member (merchant_id, phone, status, name, birth_date, gender, marketing_consent,
                                registered_at)
            VALUES ($1, $2, 'REGISTERED', $3, $4, $5, $6, now())
            ON CONFLICT (merchant_id, phone) DO UPDATE SET
                status = 'REGISTERED', name = excluded.name, birth_date = excluded.birth_date,
                gender = excluded.gender, marketing_consent = excluded.marketing_consent,
                registered_at = coalesce(member.registered_at, excluded.registered_at)
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        command.Parameters.Add(new NpgsqlParameter { Value = profile.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)profile.BirthDate ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = profile.Gender.ToString().ToUpperInvariant() });
        command.Parameters.Add(new NpgsqlParameter { Value = profile.MarketingConsent });
        await command.ExecuteNonQueryAsync();
    }
}
