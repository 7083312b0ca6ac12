using Npgsql;

namespace Pointspot.Grains.Access;

/// <summary>A refresh token spent by <see cref="SessionStore.SpendRefreshTokenAsync"/>.</summary>
public sealed record SpentRefreshToken(Guid FamilyId, Guid StaffId, Guid MerchantId, string Role);

/// <summary>The outcome of spending a refresh token.</summary>
public enum RefreshOutcome
{
    Spent,
    Unknown,

    /// <summary>Used before, revoked or expired: the family is revoked when it was used before.</summary>
    Rejected,
}

/// <summary>
/// Refresh tokens and session families in PostgreSQL. A family is one sign-in and every token
/// rotated from it; only SHA-256 hashes of the secrets are stored.
/// </summary>
public sealed class SessionStore(NpgsqlDataSource dataSource)
{
    public async Task CreateFamilyAsync(Guid familyId, Guid staffId, Guid merchantId)
    {
        const string sql = "INSERT INTO session_family (family_id, staff_id, merchant_id) VALUES ($1, $2, $3)";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = familyId });
        command.Parameters.Add(new NpgsqlParameter { Value = staffId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        await command.ExecuteNonQueryAsync();
    }

    public async Task CreateRefreshTokenAsync(
        byte[] secretHash, Guid familyId, Guid staffId, Guid merchantId, DateTimeOffset expiresAt)
    {
        const string sql = """
            INSERT INTO refresh_token (secret_hash, family_id, staff_id, merchant_id, expires_at)
            VALUES ($1, $2, $3, $4, $5)
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = secretHash });
        command.Parameters.Add(new NpgsqlParameter { Value = familyId });
        command.Parameters.Add(new NpgsqlParameter { Value = staffId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = expiresAt.UtcDateTime });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Marks a live refresh token used, in one statement, so two refreshes racing with the same
    /// token cannot both succeed. Returns the family of a token that was spent, or which was
    /// already used (<see cref="RefreshOutcome.Rejected"/> with the family, for its revocation).
    /// </summary>
    public async Task<(RefreshOutcome Outcome, SpentRefreshToken? Token, bool WasUsedBefore)> SpendRefreshTokenAsync(
        byte[] secretHash, DateTimeOffset now)
    {
        const string spend = """
            UPDATE refresh_token r SET used_at = $2
            FROM staff_account s, session_family f
            WHERE r.secret_hash = $1 AND s.staff_id = r.staff_id AND f.family_id = r.family_id
              AND r.used_at IS NULL AND r.revoked_at IS NULL AND r.expires_at > $2
              AND s.removed_at IS NULL AND f.revoked_at IS NULL
            RETURNING r.family_id, r.staff_id, r.merchant_id, s.role
            """;
        await using (var command = dataSource.CreateCommand(spend))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = secretHash });
            command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                return (RefreshOutcome.Spent, Read(reader), false);
            }
        }

        const string find = """
            SELECT r.family_id, r.staff_id, r.merchant_id, s.role, r.used_at IS NOT NULL
            FROM refresh_token r JOIN staff_account s USING (staff_id) WHERE r.secret_hash = $1
            """;
        await using var lookup = dataSource.CreateCommand(find);
        lookup.Parameters.Add(new NpgsqlParameter { Value = secretHash });
        await using var found = await lookup.ExecuteReaderAsync();
        if (!await found.ReadAsync())
        {
            return (RefreshOutcome.Unknown, null, false);
        }

        return (RefreshOutcome.Rejected, Read(found), found.GetBoolean(4));
    }

    /// <summary>Returns the family of a refresh token, or null when the token is unknown.</summary>
    public async Task<Guid?> FindFamilyAsync(byte[] secretHash)
    {
        await using var command = dataSource.CreateCommand("SELECT family_id FROM refresh_token WHERE secret_hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = secretHash });
        return await command.ExecuteScalarAsync() is Guid familyId ? familyId : null;
    }

    /// <summary>Revokes a family with its refresh and access tokens; returns the hashes of the live access tokens.</summary>
    public Task<IReadOnlyList<byte[]>> RevokeFamilyAsync(Guid familyId) => RevokeAsync("family_id", familyId);

    /// <summary>Revokes every family and token of a staff account; returns the hashes of the live access tokens.</summary>
    public Task<IReadOnlyList<byte[]>> RevokeStaffAsync(Guid staffId) => RevokeAsync("staff_id", staffId);

    private async Task<IReadOnlyList<byte[]>> RevokeAsync(string column, Guid id)
    {
        // The column name is one of two constants above, never input.
        string sql = $"""
            WITH family AS (
                UPDATE session_family SET revoked_at = coalesce(revoked_at, now()) WHERE {column} = $1
            ), refresh AS (
                UPDATE refresh_token SET revoked_at = coalesce(revoked_at, now()) WHERE {column} = $1
            )
            UPDATE access_token SET revoked_at = now()
            WHERE {column} = $1 AND revoked_at IS NULL AND expires_at > now()
            RETURNING secret_hash
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync();
        var hashes = new List<byte[]>();
        while (await reader.ReadAsync())
        {
            hashes.Add(reader.GetFieldValue<byte[]>(0));
        }

        return hashes;
    }

    private static SpentRefreshToken Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3));
}
