namespace Pointspot.Grains.Members;

/// <summary>The "Members" configuration section.</summary>
public sealed class MemberOptions
{
    /// <summary>
    /// Entries between two snapshots of a member's lots. An activation replays at most this many
    /// entries after the latest snapshot, and a snapshot costs one write per this many entries.
    /// </summary>
    public int SnapshotEvery { get; set; } = 100;
}
