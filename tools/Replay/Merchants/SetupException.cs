namespace Pointspot.Replay.Merchants;

/// <summary>
/// A failure before the first purchase is sent, such as a rejected API key. The message states
/// what to do.
/// </summary>
internal sealed class SetupException(string message) : Exception(message);
