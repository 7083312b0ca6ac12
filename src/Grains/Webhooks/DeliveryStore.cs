using Npgsql;
using Pointspot.Grains.Interfaces.Live;
using Pointspot.Grains.Live;

namespace Pointspot.Grains.Webhooks;

/// <summary>A subscription that this silo holds a lease on.</summary>
public sealed record LeasedSubscription(
    Guid Id, Guid MerchantId, string Url, string[] EventKinds, string Secret, long DeliveredThrough,
    int Attempts, DateTimeOffset? FirstFailedAt, Guid LeaseToken);

/// <summary>
/// The dispatcher's side of the webhook tables. Every change of a leased subscription checks the
/// lease token, so a silo whose lease ran out (or was cleared by a replay) changes nothing.
/// </summary>
public sealed class DeliveryStore(NpgsqlDataSource dataSource)
{
    /// <summary>Leases due subscriptions that have entries up to <paramref name="watermark"/> left.</summary>
    public async Task<IReadOnlyList<LeasedSubscription>> LeaseDueAsync(long watermark, int limit, TimeSpan lease)
    {
        const string sql = """
            UPDATE webhook_subscription s
            SET lease_token = gen_random_uuid(), lease_until = now() + $3
            WHERE s.subscription_id IN (
                SELECT subscription_id FROM webhook_subscription
                WHERE deleted_at IS NULL AND next_attempt_at <= now() AND delivered_through < $1
                  AND (lease_until IS NULL OR lease_until < now())
                ORDER BY next_attempt_at
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            RETURNING subscription_id, merchant_id, url, event_kinds, secret, delivered_through, attempts,
                      first_failed_at, lease_token
            """;
        await using var command = dataSource.CreateCommand(sql);
        WebhookStore.Add(command, watermark, limit, lease);
        var leased = new List<LeasedSubscription>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            leased.Add(new LeasedSubscription(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.GetString(4), reader.GetInt64(5), reader.GetInt32(6),
                reader.IsDBNull(7) ? null : new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero),
                reader.GetGuid(8)));
        }

        return leased;
    }

    /// <summary>The next entries of the subscription's kinds after its cursor, up to the watermark.</summary>
    public async Task<IReadOnlyList<LedgerEvent>> NextEntriesAsync(
        LeasedSubscription subscription, long afterSequence, long watermark, int limit)
    {
        const string sql = $"""
            SELECT {LedgerEventReader.Columns} FROM point_ledger
            WHERE merchant_id = $1 AND entry_id > $2 AND entry_id <= $3 AND kind = ANY($4)
            ORDER BY entry_id
            LIMIT $5
            """;
        await using var command = dataSource.CreateCommand(sql);
        WebhookStore.Add(command, subscription.MerchantId, afterSequence, watermark, subscription.EventKinds, limit);
        return await LedgerEventReader.ReadAllAsync(command, CancellationToken.None);
    }

    /// <summary>Moves the cursor past entries of other kinds; false when the lease is lost.</summary>
    public async Task<bool> SkipToAsync(LeasedSubscription subscription, long through, TimeSpan lease)
    {
        const string sql = """
            UPDATE webhook_subscription
            SET delivered_through = greatest(delivered_through, $3), lease_until = now() + $4
            WHERE subscription_id = $1 AND lease_token = $2
            """;
        await using var command = dataSource.CreateCommand(sql);
        WebhookStore.Add(command, subscription.Id, subscription.LeaseToken, through, lease);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Records a delivered entry and moves the cursor to it; false when the lease is lost.</summary>
    public Task<bool> RecordDeliveredAsync(
        LeasedSubscription subscription, DeliveryAttempt attempt, TimeSpan lease) =>
        RecordAsync(subscription, attempt, """
            UPDATE webhook_subscription
            SET delivered_through = $3, attempts = 0, first_failed_at = NULL, lease_until = now() + $9
            WHERE subscription_id = $1 AND lease_token = $2
            """, lease);

    /// <summary>
    /// Records a failed attempt and schedules the next one, or with <paramref name="abandon"/>
    /// gives the entry up and moves on; releases the lease either way.
    /// </summary>
    public Task<bool> RecordFailedAsync(
        LeasedSubscription subscription, DeliveryAttempt attempt, DateTimeOffset nextAttemptAt, bool abandon) =>
        RecordAsync(subscription, attempt, abandon
            ? """
              UPDATE webhook_subscription
              SET delivered_through = $3, attempts = 0, first_failed_at = NULL, next_attempt_at = now(),
                  lease_token = NULL, lease_until = NULL
              WHERE subscription_id = $1 AND lease_token = $2
              """
            : """
              UPDATE webhook_subscription
              SET attempts = $4, first_failed_at = coalesce(first_failed_at, $7), next_attempt_at = $9,
                  lease_token = NULL, lease_until = NULL
              WHERE subscription_id = $1 AND lease_token = $2
              """, nextAttemptAt);

    public async Task ReleaseAsync(LeasedSubscription subscription)
    {
        const string sql = """
            UPDATE webhook_subscription SET lease_token = NULL, lease_until = NULL
            WHERE subscription_id = $1 AND lease_token = $2
            """;
        await using var command = dataSource.CreateCommand(sql);
        WebhookStore.Add(command, subscription.Id, subscription.LeaseToken);
        await command.ExecuteNonQueryAsync();
    }

    // The update and its log row commit together: the cursor never moves without a log row.
    private async Task<bool> RecordAsync(
        LeasedSubscription subscription, DeliveryAttempt attempt, string updateSql, object extra)
    {
        string sql = $"""
            WITH updated AS (
                {updateSql}
                RETURNING subscription_id
            )
            INSERT INTO webhook_delivery (subscription_id, sequence, attempt, outcome, status_code, error,
                attempted_at, duration_ms)
            SELECT subscription_id, $3, $4, $5, $6, $8, $7, $10 FROM updated
            """;
        await using var command = dataSource.CreateCommand(sql);
        WebhookStore.Add(command, subscription.Id, subscription.LeaseToken, attempt.Sequence, attempt.Attempt,
            attempt.Outcome, (object?)attempt.StatusCode ?? DBNull.Value, attempt.AttemptedAt.UtcDateTime,
            (object?)attempt.Error ?? DBNull.Value, extra is DateTimeOffset at ? at.UtcDateTime : extra,
            attempt.DurationMilliseconds);
        return await command.ExecuteNonQueryAsync() == 1;
    }
}

/// <summary>The outcome of one HTTP request of a delivery.</summary>
public sealed record DeliveryAttempt(
    long Sequence, int Attempt, string Outcome, int? StatusCode, string? Error, DateTimeOffset AttemptedAt,
    int DurationMilliseconds);
