using Npgsql;
using NpgsqlTypes;
using Pointspot.Grains.Interfaces.Imports;

namespace Pointspot.Grains.Imports;

/// <summary>The import_job and import_row_error tables.</summary>
public sealed class ImportStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        import_id, kind, file_name, file_format, ignored_columns, status, total_rows, processed_rows,
        written_rows, unchanged_rows, failed_rows, error, started_at, finished_at
        """;

    public async Task<ImportJobView> InsertAsync(
        Guid importId, Guid merchantId, ImportKind kind, string fileName, byte[] sha256, string format,
        IReadOnlyList<string> ignoredColumns, int totalRows, string actor)
    {
        string sql = $"""
            INSERT INTO import_job (import_id, merchant_id, kind, file_name, file_sha256, file_format, ignored_columns,
                                    status, total_rows, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'RUNNING', $8, $9)
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = importId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = kind.ToString().ToUpperInvariant() });
        command.Parameters.Add(new NpgsqlParameter { Value = fileName });
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        command.Parameters.Add(new NpgsqlParameter { Value = format });
        command.Parameters.Add(new NpgsqlParameter { Value = ignoredColumns.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = totalRows });
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Read(reader);
    }

    /// <summary>Adds the rows of one batch to the counters and records its failed rows, in one transaction.</summary>
    public async Task RecordBatchAsync(
        Guid importId, int processed, int written, int unchanged, IReadOnlyList<ImportRowError> errors)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("""
            UPDATE import_job SET processed_rows = processed_rows + $2, written_rows = written_rows + $3,
                unchanged_rows = unchanged_rows + $4, failed_rows = failed_rows + $5
            WHERE import_id = $1
            """, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = importId });
            update.Parameters.Add(new NpgsqlParameter { Value = processed });
            update.Parameters.Add(new NpgsqlParameter { Value = written });
            update.Parameters.Add(new NpgsqlParameter { Value = unchanged });
            update.Parameters.Add(new NpgsqlParameter { Value = errors.Count });
            await update.ExecuteNonQueryAsync();
        }

        if (errors.Count > 0)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO import_row_error (import_id, row_number, reason)
                SELECT $1, * FROM unnest($2::integer[], $3::text[])
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = importId });
            insert.Parameters.Add(new NpgsqlParameter { Value = errors.Select(e => e.Row).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = errors.Select(e => e.Reason).ToArray() });
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async Task FinishAsync(Guid importId, ImportStatus status, string? error)
    {
        const string sql = "UPDATE import_job SET status = $2, error = $3, finished_at = now() WHERE import_id = $1";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = importId });
        command.Parameters.Add(new NpgsqlParameter { Value = status.ToString().ToUpperInvariant() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<ImportJobView?> GetAsync(Guid merchantId, Guid importId)
    {
        string sql = $"SELECT {Columns} FROM import_job WHERE merchant_id = $1 AND import_id = $2";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = importId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task<List<ImportRowError>> GetErrorsAsync(Guid merchantId, Guid importId, int first)
    {
        const string sql = """
            SELECT e.row_number, e.reason FROM import_row_error e
            JOIN import_job j USING (import_id)
            WHERE j.merchant_id = $1 AND e.import_id = $2
            ORDER BY e.row_number LIMIT $3
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = importId });
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        await using var reader = await command.ExecuteReaderAsync();
        var errors = new List<ImportRowError>();
        while (await reader.ReadAsync())
        {
            errors.Add(new ImportRowError(reader.GetInt32(0), reader.GetString(1)));
        }

        return errors;
    }

    private static ImportJobView Read(NpgsqlDataReader reader) => new(
        Id: reader.GetGuid(0),
        Kind: reader.GetString(1) == "MEMBERS" ? ImportKind.Members : ImportKind.Points,
        FileName: reader.GetString(2),
        FileFormat: reader.GetString(3),
        IgnoredColumns: reader.GetFieldValue<string[]>(4),
        Status: Enum.Parse<ImportStatus>(reader.GetString(5), ignoreCase: true),
        TotalRows: reader.GetInt32(6),
        ProcessedRows: reader.GetInt32(7),
        WrittenRows: reader.GetInt32(8),
        UnchangedRows: reader.GetInt32(9),
        FailedRows: reader.GetInt32(10),
        Error: reader.IsDBNull(11) ? null : reader.GetString(11),
        StartedAt: ToUtc(reader.GetDateTime(12)),
        FinishedAt: reader.IsDBNull(13) ? null : ToUtc(reader.GetDateTime(13)));

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
