using Npgsql;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Cards;

/// <summary>Reads the ledger columns that a member's <see cref="CardProgress"/> is folded from.</summary>
public sealed class CardEntryReader(NpgsqlDataSource dataSource)
{
    /// <summary>Folds every entry of the member, in sequence order, into card totals.</summary>
    // NOTE: like the lot rebuild, this reads the member's whole history on each activation.
    public async Task<CardProgress> LoadAsync(Guid merchantId, string phone)
    {
        const string sql = """
            SELECT kind, points, amount FROM point_ledger
            WHERE merchant_id = $1 AND phone = $2 ORDER BY seq
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        var progress = CardProgress.Empty;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            progress = progress.Apply(
                LedgerEntryKinds.FromDatabase(reader.GetString(0)),
                reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetDecimal(2));
        }

        return progress;
    }
}
