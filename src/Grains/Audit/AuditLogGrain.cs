using Npgsql;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Grains.Audit;

/// <summary>
/// Appends through this silo's <see cref="AuditWriter"/> and reads a merchant's entries. The grain
/// keeps no state, so calls interleave: otherwise each activation would wait for one commit at a
/// time, and a stateless worker has only as many activations as the silo has cores.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class AuditLogGrain(AuditWriter writer, NpgsqlDataSource dataSource) : Grain, IAuditLogGrain
{
    public Task Append(AuditEntry entry) => writer.AppendAsync(entry);

    public async Task<AuditPage> Read(Guid merchantId, int first, long? before)
    {
        const string sql = """
            SELECT audit_id, actor_kind, actor_id, role, action, target, details::text, remote_address, occurred_at
            FROM audit_log
            WHERE merchant_id = $1 AND ($2::bigint IS NULL OR audit_id < $2)
            ORDER BY audit_id DESC LIMIT $3
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = before is { } id ? id : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        await using var reader = await command.ExecuteReaderAsync();
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync())
        {
            var entry = new AuditEntry(
                merchantId,
                reader.GetString(1) == "staff" ? CallerKind.Staff : CallerKind.ApiKey,
                reader.GetGuid(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7));
            records.Add(new AuditRecord(reader.GetInt64(0), entry,
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc))));
        }

        bool hasNextPage = records.Count > first;
        return new AuditPage(records.Take(first).ToList(), hasNextPage);
    }
}
