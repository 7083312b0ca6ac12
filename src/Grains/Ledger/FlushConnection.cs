using Npgsql;

namespace Pointspot.Grains.Ledger;

/// <summary>
/// The connection of one ledger flush loop, kept open with its insert prepared, so a flush costs
/// one round trip and no parse or plan. It opens when first needed and again after a failure.
/// </summary>
internal sealed class FlushConnection(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _command;

    public async Task<NpgsqlCommand> GetCommandAsync(string sql, Func<NpgsqlParameter[]> createParameters)
    {
        if (_command is not null)
        {
            return _command;
        }

        try
        {
            _connection = await dataSource.OpenConnectionAsync();
            _command = new NpgsqlCommand(sql, _connection);
            _command.Parameters.AddRange(createParameters());
            await _command.PrepareAsync();
            return _command;
        }
        catch
        {
            await ResetAsync();
            throw;
        }
    }

    /// <summary>Closes the connection; the next flush opens a new one.</summary>
    public async ValueTask ResetAsync()
    {
        if (_command is not null)
        {
            await _command.DisposeAsync();
            _command = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public ValueTask DisposeAsync() => ResetAsync();
}
