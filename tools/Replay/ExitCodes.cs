namespace Pointspot.Replay;

/// <summary>The replay's exit codes, as listed in its --help.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A purchase was rejected or the ledger check failed.</summary>
    public const int Failed = 1;

    /// <summary>An invalid command line or an unreadable file.</summary>
    public const int Usage = 2;

    /// <summary>The server or the credentials failed before the first purchase was sent.</summary>
    public const int Setup = 3;

    /// <summary>Stopped with Ctrl+C: 128 plus SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
