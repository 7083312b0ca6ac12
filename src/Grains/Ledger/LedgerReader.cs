using Npgsql;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Ledger;

/// <summary>The member's state as the ledger and the member table record it.</summary>
public sealed record StoredMemberState(
    MemberStatus? Status,
    MemberProfile? Profile,
    DateTimeOffset? CreatedAt,
    long Sequence,
    long Balance,
    long LifetimePoints);

/// <summary>Reads the points ledger and member rows.</summary>
public sealed class LedgerReader(NpgsqlDataSource dataSource)
{
    private const string EntryColumns = """
        entry_id, phone, seq, kind, points, balance_after, amount, receipt_number, reason,
        idempotency_key, occurred_at, recorded_at, expires_on, expires_at, reverses_entry_id,
        point_value, shortfall_points
        """;

    public async Task<StoredMemberState> LoadMemberAsync(Guid merchantId, string phone)
    {
        const string sql = """
            SELECT m.status, m.name, m.birth_date, m.gender, m.marketing_consent, m.created_at,
                   l.seq, l.balance_after, l.lifetime_after
            FROM (SELECT 1) AS one
            LEFT JOIN member m ON m.merchant_id = $1 AND m.phone = $2
            LEFT JOIN LATERAL (
                SELECT seq, balance_after, lifetime_after FROM point_ledger
                WHERE merchant_id = $1 AND phone = $2
                ORDER BY seq DESC LIMIT 1) l ON true
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        MemberStatus? status = reader.IsDBNull(0) ? null : ParseStatus(reader.GetString(0));
        MemberProfile? profile = null;
        if (status == MemberStatus.Registered)
        {
            profile = new MemberProfile(
                reader.IsDBNull(1) ? "" : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? Gender.Unspecified : Enum.Parse<Gender>(reader.GetString(3), ignoreCase: true),
                reader.GetBoolean(4));
        }

        DateTimeOffset? createdAt = reader.IsDBNull(5) ? null : ToUtc(reader.GetDateTime(5));
        long sequence = reader.IsDBNull(6) ? 0 : reader.GetInt64(6);
        long balance = reader.IsDBNull(7) ? 0 : reader.GetInt64(7);
        long lifetime = reader.IsDBNull(8) ? 0 : reader.GetInt64(8);
        return new StoredMemberState(status, profile, createdAt, sequence, balance, lifetime);
    }

    public async Task<StoredLedgerEntry?> FindByIdempotencyKeyAsync(Guid merchantId, string idempotencyKey)
    {
        string sql = $"SELECT {EntryColumns} FROM point_ledger WHERE merchant_id = $1 AND idempotency_key = $2";
        return await ReadSingleAsync(sql, merchantId, idempotencyKey);
    }

    public Task<StoredLedgerEntry?> FindEarnByReceiptAsync(Guid merchantId, string receiptNumber) =>
        FindByReceiptAsync(merchantId, receiptNumber, LedgerEntryKind.Earn);

    /// <summary>Finds the entry of a kind that a receipt has at most once per merchant: EARN or PAY.</summary>
    public async Task<StoredLedgerEntry?> FindByReceiptAsync(Guid merchantId, string receiptNumber, LedgerEntryKind kind)
    {
        string sql = $"""
            SELECT {EntryColumns} FROM point_ledger
            WHERE merchant_id = $1 AND receipt_number = $2 AND kind = '{kind.ToDatabase()}'
            """;
        return await ReadSingleAsync(sql, merchantId, receiptNumber);
    }

    /// <summary>Reads a member's entries that name a receipt (EARN, PAY, REFUND, VOID), in seq order.</summary>
    public async Task<List<StoredLedgerEntry>> ReadReceiptEntriesAsync(Guid merchantId, string phone, string receiptNumber)
    {
        string sql = $"""
            SELECT {EntryColumns} FROM point_ledger
            WHERE merchant_id = $1 AND receipt_number = $2 AND phone = $3
            ORDER BY seq
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = receiptNumber });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        var entries = new List<StoredLedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    /// <summary>Returns the phone numbers of the members whose EARN and PAY entries name a receipt; null where there is none.</summary>
    public async Task<(string? Earned, string? Paid)> FindReceiptMembersAsync(Guid merchantId, string receiptNumber)
    {
        const string sql = """
            SELECT
                (SELECT phone FROM point_ledger WHERE merchant_id = $1 AND receipt_number = $2 AND kind = 'EARN'),
                (SELECT phone FROM point_ledger WHERE merchant_id = $1 AND receipt_number = $2 AND kind = 'PAY')
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = receiptNumber });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    /// <summary>Reads up to <paramref name="count"/> entries older than <paramref name="beforeSequence"/>, newest first.</summary>
    public async Task<List<StoredLedgerEntry>> ReadHistoryAsync(
        Guid merchantId, string phone, int count, long? beforeSequence)
    {
        string sql = $"""
            SELECT {EntryColumns} FROM point_ledger
            WHERE merchant_id = $1 AND phone = $2 AND seq < $3
            ORDER BY seq DESC LIMIT $4
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        command.Parameters.Add(new NpgsqlParameter { Value = beforeSequence ?? long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var entries = new List<StoredLedgerEntry>(count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    /// <summary>
    /// Reads every entry of a member in seq order: what the lots are rebuilt from when the
    /// member's snapshot cannot be used (see <see cref="MemberSnapshotStore"/>).
    /// </summary>
    public async Task<List<LotEntry>> ReadLotEntriesAsync(Guid merchantId, string phone)
    {
        const string sql = """
            SELECT entry_id, seq, kind, points, expires_on, expires_at, reverses_entry_id
            FROM point_ledger WHERE merchant_id = $1 AND phone = $2 ORDER BY seq
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        var entries = new List<LotEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new LotEntry(
                reader.GetInt64(0),
                reader.GetInt64(1),
                LedgerEntryKinds.FromDatabase(reader.GetString(2)),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
                reader.IsDBNull(5) ? null : ToUtc(reader.GetDateTime(5)),
                reader.IsDBNull(6) ? null : reader.GetInt64(6)));
        }

        return entries;
    }

    /// <summary>
    /// Returns the phone numbers of the members that have a lot whose expiry instant lies in
    /// (<paramref name="after"/>, <paramref name="through"/>], whether or not the lot is spent.
    /// Erased members, whose rows carry a pseudonym in place of the phone number, are left out:
    /// their points stay as they were at the erasure.
    /// </summary>
    public async Task<List<string>> FindMembersWithLotsDueAsync(
        Guid merchantId, DateTimeOffset after, DateTimeOffset through)
    {
        const string sql = """
            SELECT DISTINCT phone FROM point_ledger
            WHERE merchant_id = $1 AND expires_at > $2 AND expires_at <= $3 AND phone LIKE '+%'
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = after.UtcDateTime, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = through.UtcDateTime, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var phones = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            phones.Add(reader.GetString(0));
        }

        return phones;
    }

    public async Task<PointsSummary> ReadSummaryAsync(Guid merchantId)
    {
        const string sql = """
            SELECT
                (SELECT count(*) FROM member WHERE merchant_id = $1),
                count(*), coalesce(sum(points), 0)::bigint,
                (SELECT coalesce(sum(balance_after), 0)::bigint FROM (
                    SELECT DISTINCT ON (phone) balance_after FROM point_ledger
                    WHERE merchant_id = $1 ORDER BY phone, seq DESC) latest)
            FROM point_ledger WHERE merchant_id = $1
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PointsSummary(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private async Task<StoredLedgerEntry?> ReadSingleAsync(string sql, Guid merchantId, string value)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadEntry(reader) : null;
    }

    private static StoredLedgerEntry ReadEntry(NpgsqlDataReader reader) => new(
        EntryId: reader.GetInt64(0),
        Phone: reader.GetString(1),
        Sequence: reader.GetInt64(2),
        Kind: LedgerEntryKinds.FromDatabase(reader.GetString(3)),
        Points: reader.GetInt64(4),
        BalanceAfter: reader.GetInt64(5),
        Amount: reader.IsDBNull(6) ? null : reader.GetDecimal(6),
        ReceiptNumber: reader.IsDBNull(7) ? null : reader.GetString(7),
        Reason: reader.IsDBNull(8) ? null : reader.GetString(8),
        IdempotencyKey: reader.GetString(9),
        OccurredAt: ToUtc(reader.GetDateTime(10)),
        RecordedAt: ToUtc(reader.GetDateTime(11)),
        ExpiresOn: reader.IsDBNull(12) ? null : reader.GetFieldValue<DateOnly>(12),
        ExpiresAt: reader.IsDBNull(13) ? null : ToUtc(reader.GetDateTime(13)),
        ReversesEntryId: reader.IsDBNull(14) ? null : reader.GetInt64(14),
        PointValue: reader.IsDBNull(15) ? null : reader.GetDecimal(15),
        ShortfallPoints: reader.IsDBNull(16) ? null : reader.GetInt64(16));

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static MemberStatus ParseStatus(string value) => value switch
    {
        "PENDING_SIGN_UP" => MemberStatus.PendingSignUp,
        "REGISTERED" => MemberStatus.Registered,
        _ => throw new InvalidOperationException($"Unknown member status '{value}' in the member table."),
    };
}
