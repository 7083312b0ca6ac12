using Npgsql;
using NpgsqlTypes;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Imports;

/// <summary>Writes imported member profiles and labels.</summary>
public sealed class MemberImportStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Registers the member with the profile and adds the labels, in one transaction. A birth date
    /// or gender the file leaves empty keeps the stored one, and marketing consent is never changed.
    /// Returns whether a row changed.
    /// </summary>
    public async Task<bool> UpsertAsync(Guid merchantId, string phone, MemberProfile profile, IReadOnlyList<string> labels)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        int changed;
        await using (var member = new NpgsqlCommand("""
            INSERT INTO member (merchant_id, phone, status, name, birth_date, gender, registered_at)
            VALUES ($1, $2, 'REGISTERED', $3, $4, coalesce($5, 'UNSPECIFIED'), now())
            ON CONFLICT (merchant_id, phone) DO UPDATE SET
                status = 'REGISTERED', name = excluded.name,
                birth_date = coalesce($4, member.birth_date), gender = coalesce($5, member.gender, 'UNSPECIFIED'),
                registered_at = coalesce(member.registered_at, excluded.registered_at)
            WHERE member.status <> 'REGISTERED' OR member.name IS DISTINCT FROM excluded.name
                OR ($4 IS NOT NULL AND member.birth_date IS DISTINCT FROM $4)
                OR ($5 IS NOT NULL AND member.gender IS DISTINCT FROM $5)
            """, connection, transaction))
        {
            member.Parameters.Add(new NpgsqlParameter { Value = merchantId });
            member.Parameters.Add(new NpgsqlParameter { Value = phone });
            member.Parameters.Add(new NpgsqlParameter { Value = profile.Name });
            member.Parameters.Add(new NpgsqlParameter { Value = (object?)profile.BirthDate ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
            string? gender = profile.Gender == Gender.Unspecified ? null : profile.Gender.ToString().ToUpperInvariant();
            member.Parameters.Add(new NpgsqlParameter { Value = (object?)gender ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            changed = await member.ExecuteNonQueryAsync();
        }

        if (labels.Count > 0)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO member_label (merchant_id, phone, label)
                SELECT $1, $2, unnest($3::text[])
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = merchantId });
            insert.Parameters.Add(new NpgsqlParameter { Value = phone });
            insert.Parameters.Add(new NpgsqlParameter { Value = labels.ToArray() });
            changed += await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return changed > 0;
    }
}
