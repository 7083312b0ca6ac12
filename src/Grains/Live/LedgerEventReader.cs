using Npgsql;
using Pointspot.Grains.Interfaces.Live;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Live;

/// <summary>Reads ledger rows as live events.</summary>
internal static class LedgerEventReader
{
    public const string Columns = """
        entry_id, merchant_id, phone, seq, kind, points, balance_after, amount, receipt_number,
        occurred_at, recorded_at
        """;

    public static async Task<IReadOnlyList<LedgerEvent>> ReadAllAsync(
        NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<LedgerEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(reader));
        }

        return events;
    }

    public static LedgerEvent Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.GetInt64(3),
        LedgerEntryKinds.FromDatabase(reader.GetString(4)),
        reader.GetInt64(5),
        reader.GetInt64(6),
        reader.IsDBNull(7) ? null : reader.GetDecimal(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        new DateTimeOffset(reader.GetDateTime(9), TimeSpan.Zero),
        new DateTimeOffset(reader.GetDateTime(10), TimeSpan.Zero));
}
