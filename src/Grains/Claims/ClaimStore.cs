using Npgsql;
using NpgsqlTypes;
using Pointspot.Grains.Interfaces.Claims;

namespace Pointspot.Grains.Claims;

/// <summary>The point_claim table: claims and their receipt photos.</summary>
public sealed class ClaimStore(NpgsqlDataSource dataSource)
{
    private const string UniqueViolation = "23505";

    private const string Columns = """
        claim_id, phone, receipt_number, amount, purchased_at, photo_type, coalesce(length(photo), 0), status,
        submitted_by, submitted_at, decided_by, decided_at, rejection_reason, entry_id, points
        """;

    /// <summary>Inserts a pending claim; returns null when the receipt already has a pending or approved claim.</summary>
    public async Task<ClaimView?> InsertAsync(
        Guid merchantId, Guid claimId, string phone, ClaimSubmission submission, string photoType)
    {
        string sql = $"""
            INSERT INTO point_claim (claim_id, merchant_id, phone, receipt_number, amount, purchased_at, photo,
                                     photo_type, status, submitted_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', $9)
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = claimId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        command.Parameters.Add(new NpgsqlParameter { Value = submission.ReceiptNumber.Trim() });
        command.Parameters.Add(new NpgsqlParameter { Value = submission.Amount });
        command.Parameters.Add(new NpgsqlParameter { Value = submission.PurchasedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = submission.Photo, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = photoType });
        command.Parameters.Add(new NpgsqlParameter { Value = submission.Actor.ToString() });
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return Read(reader);
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            return null;
        }
    }

    public async Task<ClaimView?> GetAsync(Guid merchantId, Guid claimId)
    {
        string sql = $"SELECT {Columns} FROM point_claim WHERE merchant_id = $1 AND claim_id = $2";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = claimId });
        return await ReadSingleAsync(command);
    }

    /// <summary>Finds the pending or approved claim of a receipt.</summary>
    public async Task<ClaimView?> FindOpenByReceiptAsync(Guid merchantId, string receiptNumber)
    {
        string sql = $"""
            SELECT {Columns} FROM point_claim
            WHERE merchant_id = $1 AND receipt_number = $2 AND status <> 'REJECTED'
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = receiptNumber });
        return await ReadSingleAsync(command);
    }

    public async Task<List<ClaimView>> ListAsync(Guid merchantId, ClaimStatus? status, int first)
    {
        string sql = $"""
            SELECT {Columns} FROM point_claim
            WHERE merchant_id = $1 AND ($2::text IS NULL OR status = $2)
            ORDER BY submitted_at, claim_id LIMIT $3
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = status is { } s ? ToDatabase(s) : DBNull.Value as object, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        await using var reader = await command.ExecuteReaderAsync();
        var claims = new List<ClaimView>();
        while (await reader.ReadAsync())
        {
            claims.Add(Read(reader));
        }

        return claims;
    }

    /// <summary>Lists the claims that a member sent or had sent, oldest first, for a data export.</summary>
    public async Task<List<ClaimView>> ListByPhoneAsync(Guid merchantId, string phone)
    {
        string sql = $"""
            SELECT {Columns} FROM point_claim WHERE merchant_id = $1 AND phone = $2 ORDER BY submitted_at, claim_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        var claims = new List<ClaimView>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            claims.Add(Read(reader));
        }

        return claims;
    }

    public async Task<ClaimPhoto?> GetPhotoAsync(Guid merchantId, Guid claimId)
    {
        // The photo of an erased member's claim is deleted: the claim then has no photo to show.
        const string sql = """
            SELECT photo_type, photo FROM point_claim
            WHERE merchant_id = $1 AND claim_id = $2 AND photo IS NOT NULL
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = claimId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new ClaimPhoto(reader.GetString(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    /// <summary>Marks a pending claim approved with its ledger entry; returns null when it is no longer pending.</summary>
    public async Task<ClaimView?> MarkApprovedAsync(Guid merchantId, Guid claimId, long entryId, long points, string actor)
    {
        string sql = $"""
            UPDATE point_claim SET status = 'APPROVED', entry_id = $3, points = $4, decided_by = $5, decided_at = now()
            WHERE merchant_id = $1 AND claim_id = $2 AND status = 'PENDING'
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = claimId });
        command.Parameters.Add(new NpgsqlParameter { Value = entryId });
        command.Parameters.Add(new NpgsqlParameter { Value = points });
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        return await ReadSingleAsync(command);
    }

    /// <summary>Marks a pending claim rejected; returns null when it is no longer pending.</summary>
    public async Task<ClaimView?> MarkRejectedAsync(Guid merchantId, Guid claimId, string reason, string actor)
    {
        string sql = $"""
            UPDATE point_claim SET status = 'REJECTED', rejection_reason = $3, decided_by = $4, decided_at = now()
            WHERE merchant_id = $1 AND claim_id = $2 AND status = 'PENDING'
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = claimId });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        return await ReadSingleAsync(command);
    }

    private static async Task<ClaimView?> ReadSingleAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    private static ClaimView Read(NpgsqlDataReader reader) => new(
        Id: reader.GetGuid(0),
        Phone: reader.GetString(1),
        ReceiptNumber: reader.GetString(2),
        Amount: reader.GetDecimal(3),
        PurchasedAt: ToUtc(reader.GetDateTime(4)),
        PhotoType: reader.GetString(5),
        PhotoBytes: reader.GetInt32(6),
        Status: FromDatabase(reader.GetString(7)),
        SubmittedBy: reader.GetString(8),
        SubmittedAt: ToUtc(reader.GetDateTime(9)),
        DecidedBy: reader.IsDBNull(10) ? null : reader.GetString(10),
        DecidedAt: reader.IsDBNull(11) ? null : ToUtc(reader.GetDateTime(11)),
        RejectionReason: reader.IsDBNull(12) ? null : reader.GetString(12),
        EntryId: reader.IsDBNull(13) ? null : reader.GetInt64(13),
        Points: reader.IsDBNull(14) ? null : reader.GetInt64(14));

    private static string ToDatabase(ClaimStatus status) => status.ToString().ToUpperInvariant();

    private static ClaimStatus FromDatabase(string value) => value switch
    {
        "PENDING" => ClaimStatus.Pending,
        "APPROVED" => ClaimStatus.Approved,
        "REJECTED" => ClaimStatus.Rejected,
        _ => throw new InvalidOperationException($"Unknown claim status '{value}' in the point_claim table."),
    };

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
