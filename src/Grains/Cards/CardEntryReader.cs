using Npgsql;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Cards;

/// <summary>Reads the ledger columns that a member's <see cref="CardProgress"/> is folded from.</summary>
public sealed class CardEntryReader(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Folds every entry of the member, in sequence order, into card totals: what an activation
    /// does when the member's snapshot cannot be used.
    /// </summary>
    public async Task<CardProgress> LoadAsync(Guid merchantId, string phone, string timeZone)
    {
        const string sql = """
            SELECT kind, points, amount, occurred_at FROM point_ledger
            WHERE merchant_id = $1 AND phone = $2 ORDER BY seq
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        var progress = CardProgress.Empty;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var occurredAt = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc));
            progress = progress.Apply(
                LedgerEntryKinds.FromDatabase(reader.GetString(0)),
                reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetDecimal(2),
                LocalYear(occurredAt, timeZone));
        }

        return progress;
    }

    /// <summary>Returns the calendar year of an instant in the merchant's time zone.</summary>
    public static int LocalYear(DateTimeOffset instant, string timeZone) => TimeZones.ToLocal(instant, timeZone).Year;
}
