using Npgsql;
using Pointspot.Grains.Interfaces.Live;

namespace Pointspot.Grains.Live;

/// <summary>Counts a merchant's day from the ledger, for the dashboard's first paint.</summary>
public sealed class DashboardReader(NpgsqlDataSource dataSource, TimeProvider clock) : IDashboardReader
{
    // The day is the merchant's local day of recorded_at, the server's time of the commit, so a
    // purchase that an offline POS sends late counts on the day it arrives.
    private const string TotalsSql = """
        SELECT count(*) FILTER (WHERE kind = 'EARN'),
               coalesce(sum(points) FILTER (WHERE kind IN ('EARN', 'SEND') AND points > 0), 0),
               coalesce(-sum(points) FILTER (WHERE kind IN ('PAY', 'REDEEM')), 0),
               count(*) FILTER (WHERE seq = 1),
               extract(hour FROM recorded_at AT TIME ZONE $4)::int AS hour
        FROM point_ledger
        WHERE merchant_id = $1 AND recorded_at >= $2 AND recorded_at < $3 AND entry_id <= $5
        GROUP BY hour
        """;

    private const string LatestSql = $"""
        SELECT {LedgerEventReader.Columns} FROM point_ledger
        WHERE merchant_id = $1 AND entry_id <= $2
        ORDER BY entry_id DESC
        LIMIT $3
        """;

    public async Task<DashboardSnapshot> ReadTodayAsync(
        Guid merchantId, string timeZone, long throughSequence, int latest, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var date = DateOnly.FromDateTime(now.DateTime);
        var start = StartOfDay(date, zone);
        var end = StartOfDay(date.AddDays(1), zone);

        long purchases = 0, issued = 0, redeemed = 0, newMembers = 0;
        var byHour = new long[24];
        await using (var command = dataSource.CreateCommand(TotalsSql))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
            command.Parameters.Add(new NpgsqlParameter { Value = start.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter { Value = end.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter { Value = timeZone });
            command.Parameters.Add(new NpgsqlParameter { Value = throughSequence });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                long hourPurchases = reader.GetInt64(0);
                purchases += hourPurchases;
                issued += reader.GetInt64(1);
                redeemed += reader.GetInt64(2);
                newMembers += reader.GetInt64(3);
                byHour[reader.GetInt32(4)] = hourPurchases;
            }
        }

        IReadOnlyList<LedgerEvent> entries;
        await using (var command = dataSource.CreateCommand(LatestSql))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
            command.Parameters.Add(new NpgsqlParameter { Value = throughSequence });
            command.Parameters.Add(new NpgsqlParameter { Value = latest });
            entries = await LedgerEventReader.ReadAllAsync(command, cancellationToken);
        }

        return new DashboardSnapshot(throughSequence, date, timeZone, purchases, issued, redeemed, newMembers,
            byHour, entries);
    }

    /// <summary>The first instant of a local day; a day that starts in a DST gap starts at its end.</summary>
    private static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
