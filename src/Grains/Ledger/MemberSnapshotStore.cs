using Npgsql;
using NpgsqlTypes;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Ledger;

/// <summary>A stored snapshot: the member's state as of entry <see cref="Sequence"/>, as JSON.</summary>
public sealed record StoredSnapshot(long Sequence, long Balance, int Format, string Json);

/// <summary>One ledger entry as a member grain folds it: the lot fields, the money and the instant.</summary>
public sealed record HistoryEntry(LotEntry Lot, decimal? Amount, DateTimeOffset OccurredAt);

/// <summary>
/// What a member's state is rebuilt from: the latest snapshot, if any, and the member's entries
/// after it in seq order (all entries when there is no snapshot).
/// </summary>
public sealed record MemberHistory(StoredSnapshot? Snapshot, List<HistoryEntry> Entries);

/// <summary>Reads and writes the member_snapshot table.</summary>
public sealed class MemberSnapshotStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Reads the latest snapshot and the entries after it. One statement reads both, so they
    /// come from one view of the database even while a newer snapshot is being written.
    /// </summary>
    public async Task<MemberHistory> ReadAsync(Guid merchantId, string phone)
    {
        const string sql = """
            WITH snapshot AS (
                SELECT seq, balance, format, state::text AS state FROM member_snapshot
                WHERE merchant_id = $1 AND phone = $2)
            SELECT 0 AS part, seq, balance, format, state,
                   NULL::bigint, NULL::text, NULL::bigint, NULL::date, NULL::timestamptz, NULL::bigint,
                   NULL::numeric, NULL::timestamptz
            FROM snapshot
            UNION ALL
            SELECT 1, l.seq, NULL, NULL, NULL,
                   l.entry_id, l.kind, l.points, l.expires_on, l.expires_at, l.reverses_entry_id,
                   l.amount, l.occurred_at
            FROM point_ledger l
            WHERE l.merchant_id = $1 AND l.phone = $2
              AND l.seq > coalesce((SELECT seq FROM snapshot), 0)
            ORDER BY part, seq
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        StoredSnapshot? snapshot = null;
        var entries = new List<HistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.GetInt32(0) == 0)
            {
                snapshot = new StoredSnapshot(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetString(4));
                continue;
            }

            var lot = new LotEntry(
                reader.GetInt64(5),
                reader.GetInt64(1),
                LedgerEntryKinds.FromDatabase(reader.GetString(6)),
                reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8),
                reader.IsDBNull(9) ? null : ToUtc(reader.GetDateTime(9)),
                reader.IsDBNull(10) ? null : reader.GetInt64(10));
            entries.Add(new HistoryEntry(lot, reader.IsDBNull(11) ? null : reader.GetDecimal(11), ToUtc(reader.GetDateTime(12))));
        }

        return new MemberHistory(snapshot, entries);
    }

    /// <summary>
    /// Stores a snapshot unless the stored one is as recent or more. Two activations of a member
    /// (during a membership change) may both write, and the snapshot of the later entry stays.
    /// </summary>
    public async Task WriteAsync(Guid merchantId, string phone, long sequence, long balance, int format, string json)
    {
        const string sql = """
            INSERT INTO member_snapshot (merchant_id, phone, seq, balance, format, state)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (merchant_id, phone) DO UPDATE
            SET seq = excluded.seq, balance = excluded.balance, format = excluded.format,
                state = excluded.state, written_at = now()
            WHERE member_snapshot.seq < excluded.seq
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = balance });
        command.Parameters.Add(new NpgsqlParameter { Value = format });
        command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync();
    }

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
