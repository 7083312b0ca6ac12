using Npgsql;
using Pointspot.Grains.Interfaces.Access;
using Pointspot.Grains.Interfaces.Merchants;

namespace Pointspot.Grains.Access;

/// <summary>A staff account found by e-mail, with its password hash.</summary>
public sealed record StaffLogin(Guid StaffId, Guid MerchantId, string PasswordHash, string Role);

/// <summary>Staff accounts, access tokens and API keys in PostgreSQL.</summary>
public sealed class AccountStore(NpgsqlDataSource dataSource)
{
    private const string UniqueViolation = "23505";

    /// <summary>Creates a staff account; returns false when the e-mail address is taken.</summary>
    public async Task<bool> CreateStaffAsync(Guid staffId, Guid merchantId, string email, string passwordHash, string role)
    {
        const string sql = """
            INSERT INTO staff_account (staff_id, merchant_id, email, password_hash, role)
            VALUES ($1, $2, $3, $4, $5)
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = staffId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        command.Parameters.Add(new NpgsqlParameter { Value = passwordHash });
        command.Parameters.Add(new NpgsqlParameter { Value = role });
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

    public async Task<StaffLogin?> FindStaffByEmailAsync(string email)
    {
        const string sql = """
            SELECT staff_id, merchant_id, password_hash, role FROM staff_account
            WHERE lower(email) = lower($1) AND removed_at IS NULL
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new StaffLogin(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3));
    }

    public async Task CreateAccessTokenAsync(
        byte[] secretHash, Guid staffId, Guid merchantId, DateTimeOffset expiresAt, Guid familyId)
    {
        const string sql = """
            INSERT INTO access_token (secret_hash, staff_id, merchant_id, expires_at, family_id)
            VALUES ($1, $2, $3, $4, $5)
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = secretHash });
        command.Parameters.Add(new NpgsqlParameter { Value = staffId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = expiresAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = familyId });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<ApiKeyView> CreateApiKeyAsync(
        Guid apiKeyId, Guid merchantId, string name, string scope, byte[] secretHash, string createdBy)
    {
        const string sql = """
            INSERT INTO api_key (api_key_id, merchant_id, name, scope, secret_hash, created_by)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = apiKeyId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = scope });
        command.Parameters.Add(new NpgsqlParameter { Value = secretHash });
        command.Parameters.Add(new NpgsqlParameter { Value = createdBy });
        var createdAt = (DateTime)(await command.ExecuteScalarAsync())!;
        return new ApiKeyView(apiKeyId, name, scope, ToUtc(createdAt), null);
    }

    /// <summary>Revokes a key of this merchant; returns its secret hash, or null when the merchant has no such key.</summary>
    public async Task<(ApiKeyView Key, byte[] SecretHash)?> RevokeApiKeyAsync(Guid merchantId, Guid apiKeyId)
    {
        const string sql = """
            UPDATE api_key SET revoked_at = coalesce(revoked_at, now())
            WHERE merchant_id = $1 AND api_key_id = $2
            RETURNING api_key_id, name, scope, created_at, revoked_at, secret_hash
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = apiKeyId });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return (ReadApiKey(reader), reader.GetFieldValue<byte[]>(5));
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListApiKeysAsync(Guid merchantId)
    {
        const string sql = """
            SELECT api_key_id, name, scope, created_at, revoked_at FROM api_key
            WHERE merchant_id = $1 ORDER BY created_at, api_key_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<ApiKeyView>();
        while (await reader.ReadAsync())
        {
            keys.Add(ReadApiKey(reader));
        }

        return keys;
    }

    /// <summary>Finds the caller of a secret by its hash: a live staff token or an unrevoked API key.</summary>
    public async Task<Caller?> ResolveAsync(byte[] secretHash)
    {
        const string sql = """
            SELECT t.merchant_id, 1, t.staff_id, s.role, t.expires_at
            FROM access_token t JOIN staff_account s USING (staff_id)
            LEFT JOIN session_family f ON f.family_id = t.family_id
            WHERE t.secret_hash = $1 AND t.revoked_at IS NULL AND s.removed_at IS NULL AND f.revoked_at IS NULL
            UNION ALL
            SELECT merchant_id, 2, api_key_id, scope, NULL
            FROM api_key WHERE secret_hash = $1 AND revoked_at IS NULL
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = secretHash });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new Caller(
            reader.GetGuid(0),
            (CallerKind)reader.GetInt32(1),
            reader.GetGuid(2),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : ToUtc(reader.GetDateTime(4)));
    }

    private static ApiKeyView ReadApiKey(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        ToUtc(reader.GetDateTime(3)),
        reader.IsDBNull(4) ? null : ToUtc(reader.GetDateTime(4)));

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
