using Npgsql;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Webhooks;

namespace Pointspot.Grains.Webhooks;

/// <summary>Webhook subscriptions and their delivery log in PostgreSQL.</summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource)
{
    private const string ViewColumns = """
        subscription_id, url, event_kinds, created_at, delivered_through, attempts, first_failed_at,
        next_attempt_at, deleted_at IS NOT NULL
        """;

    public async Task<WebhookView> InsertAsync(
        Guid merchantId, Guid id, string url, IReadOnlyList<LedgerEntryKind> kinds, string secret, string createdBy,
        long deliveredThrough)
    {
        const string sql = $"""
            INSERT INTO webhook_subscription (subscription_id, merchant_id, url, event_kinds, secret, created_by,
                delivered_through)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING {ViewColumns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        Add(command, id, merchantId, url, kinds.Select(k => k.ToDatabase()).ToArray(), secret, createdBy, deliveredThrough);
        return (await ReadViewsAsync(command)).Single();
    }

    public async Task<IReadOnlyList<WebhookView>> ListAsync(Guid merchantId)
    {
        const string sql = $"""
            SELECT {ViewColumns} FROM webhook_subscription
            WHERE merchant_id = $1 AND deleted_at IS NULL ORDER BY created_at, subscription_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        Add(command, merchantId);
        return await ReadViewsAsync(command);
    }

    /// <summary>
    /// Moves the cursor back (or forward) to <paramref name="afterSequence"/> and clears the
    /// failures; a silo delivering now loses its lease and stops at its next step.
    /// </summary>
    public async Task<WebhookView?> ReplayAsync(Guid merchantId, Guid id, long afterSequence)
    {
        const string sql = $"""
            UPDATE webhook_subscription
            SET delivered_through = $3, attempts = 0, first_failed_at = NULL, next_attempt_at = now(),
                lease_token = NULL, lease_until = NULL
            WHERE merchant_id = $1 AND subscription_id = $2 AND deleted_at IS NULL
            RETURNING {ViewColumns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        Add(command, merchantId, id, afterSequence);
        return (await ReadViewsAsync(command)).SingleOrDefault();
    }

    public async Task<WebhookView?> DeleteAsync(Guid merchantId, Guid id)
    {
        const string sql = $"""
            UPDATE webhook_subscription SET deleted_at = now(), lease_token = NULL, lease_until = NULL
            WHERE merchant_id = $1 AND subscription_id = $2 AND deleted_at IS NULL
            RETURNING {ViewColumns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        Add(command, merchantId, id);
        return (await ReadViewsAsync(command)).SingleOrDefault();
    }

    /// <summary>Returns null when the merchant has no such subscription.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryView>?> DeliveriesAsync(Guid merchantId, Guid id, long? beforeId, int first)
    {
        const string sql = """
            SELECT d.delivery_id, d.sequence, d.attempt, d.outcome, d.status_code, d.error, d.attempted_at, d.duration_ms
            FROM webhook_subscription s
            LEFT JOIN LATERAL (
                SELECT * FROM webhook_delivery d
                WHERE d.subscription_id = s.subscription_id AND ($3::bigint IS NULL OR d.delivery_id < $3)
                ORDER BY d.delivery_id DESC LIMIT $4) d ON true
            WHERE s.merchant_id = $1 AND s.subscription_id = $2
            """;
        await using var command = dataSource.CreateCommand(sql);
        Add(command, merchantId, id, (object?)beforeId ?? DBNull.Value, first);
        await using var reader = await command.ExecuteReaderAsync();
        List<WebhookDeliveryView>? deliveries = null;
        while (await reader.ReadAsync())
        {
            deliveries ??= [];
            if (reader.IsDBNull(0))
            {
                continue;
            }

            deliveries.Add(new WebhookDeliveryView(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
                reader.GetInt32(7)));
        }

        return deliveries;
    }

    internal static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    private static async Task<IReadOnlyList<WebhookView>> ReadViewsAsync(NpgsqlCommand command)
    {
        var views = new List<WebhookView>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            views.Add(new WebhookView(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetFieldValue<string[]>(2).Select(LedgerEntryKinds.FromDatabase).ToList(),
                new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
                reader.GetInt64(4),
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
                new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero),
                reader.GetBoolean(8)));
        }

        return views;
    }
}
