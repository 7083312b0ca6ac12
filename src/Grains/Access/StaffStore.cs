using Npgsql;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Grains.Access;

/// <summary>An invitation found by its token, with the merchant it belongs to.</summary>
public sealed record PendingInvitation(Guid Id, Guid MerchantId, string Email, string Role);

/// <summary>Staff lists, invitations and the cashiers' manual points limit in PostgreSQL.</summary>
public sealed class StaffStore(NpgsqlDataSource dataSource)
{
    public async Task<InvitationView> CreateInvitationAsync(
        Guid invitationId, Guid merchantId, string email, string role, byte[] tokenHash, string invitedBy,
        DateTimeOffset expiresAt)
    {
        const string sql = """
            INSERT INTO staff_invitation (invitation_id, merchant_id, email, role, token_hash, invited_by, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING created_at
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = invitationId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        command.Parameters.Add(new NpgsqlParameter { Value = tokenHash });
        command.Parameters.Add(new NpgsqlParameter { Value = invitedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = expiresAt.UtcDateTime });
        var createdAt = (DateTime)(await command.ExecuteScalarAsync())!;
        return new InvitationView(invitationId, email, role, ToUtc(createdAt), expiresAt, null);
    }

    /// <summary>Returns whether any account, removed ones included, signs in with this e-mail address.</summary>
    public async Task<bool> EmailTakenAsync(string email)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM staff_account WHERE lower(email) = lower($1))");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Returns the invitation of a token while it is unaccepted and unexpired, or null.</summary>
    public async Task<PendingInvitation?> FindPendingInvitationAsync(byte[] tokenHash, DateTimeOffset now)
    {
        const string sql = """
            SELECT invitation_id, merchant_id, email, role FROM staff_invitation
            WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = tokenHash });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new PendingInvitation(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3));
    }

    /// <summary>Marks an invitation accepted by a new account; returns false when it was accepted meanwhile.</summary>
    public async Task<bool> MarkAcceptedAsync(Guid invitationId, Guid staffId)
    {
        const string sql = """
            UPDATE staff_invitation SET accepted_at = now(), staff_id = $2
            WHERE invitation_id = $1 AND accepted_at IS NULL
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = invitationId });
        command.Parameters.Add(new NpgsqlParameter { Value = staffId });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<IReadOnlyList<InvitationView>> ListInvitationsAsync(Guid merchantId)
    {
        const string sql = """
            SELECT invitation_id, email, role, created_at, expires_at, accepted_at FROM staff_invitation
            WHERE merchant_id = $1 ORDER BY created_at, invitation_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        await using var reader = await command.ExecuteReaderAsync();
        var invitations = new List<InvitationView>();
        while (await reader.ReadAsync())
        {
            invitations.Add(new InvitationView(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                ToUtc(reader.GetDateTime(3)), ToUtc(reader.GetDateTime(4)),
                reader.IsDBNull(5) ? null : ToUtc(reader.GetDateTime(5))));
        }

        return invitations;
    }

    public async Task<IReadOnlyList<StaffView>> ListStaffAsync(Guid merchantId)
    {
        const string sql = """
            SELECT staff_id, email, role, created_at, removed_at FROM staff_account
            WHERE merchant_id = $1 ORDER BY created_at, staff_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        await using var reader = await command.ExecuteReaderAsync();
        var staff = new List<StaffView>();
        while (await reader.ReadAsync())
        {
            staff.Add(ReadStaff(reader));
        }

        return staff;
    }

    /// <summary>
    /// Marks an admin or cashier of this merchant removed. Returns null when the merchant has no
    /// such account; the owner cannot be removed.
    /// </summary>
    public async Task<StaffView?> RemoveStaffAsync(Guid merchantId, Guid staffId)
    {
        const string sql = """
            UPDATE staff_account SET removed_at = coalesce(removed_at, now())
            WHERE merchant_id = $1 AND staff_id = $2 AND role <> 'owner'
            RETURNING staff_id, email, role, created_at, removed_at
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = staffId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadStaff(reader) : null;
    }

    /// <summary>Returns the cashiers' limit, or null when the owner never set one.</summary>
    public async Task<long?> ReadCashierPointsLimitAsync(Guid merchantId)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT cashier_points_limit FROM merchant_access WHERE merchant_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        return await command.ExecuteScalarAsync() is long points ? points : null;
    }

    public async Task WriteCashierPointsLimitAsync(Guid merchantId, long points, string updatedBy)
    {
        const string sql = """
            INSERT INTO merchant_access (merchant_id, cashier_points_limit, updated_by) VALUES ($1, $2, $3)
            ON CONFLICT (merchant_id) DO UPDATE
            SET cashier_points_limit = excluded.cashier_points_limit, updated_by = excluded.updated_by, updated_at = now()
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = points });
        command.Parameters.Add(new NpgsqlParameter { Value = updatedBy });
        await command.ExecuteNonQueryAsync();
    }

    private static StaffView ReadStaff(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        ToUtc(reader.GetDateTime(3)),
        reader.IsDBNull(4) ? null : ToUtc(reader.GetDateTime(4)));

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
