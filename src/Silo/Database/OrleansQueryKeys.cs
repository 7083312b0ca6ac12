namespace Pointspot.Silo.Database;

/// <summary>
/// A row that the Orleans ADO.NET providers read from the OrleansQuery table.
/// </summary>
/// <param name="Key">The QueryKey, fixed by the provider.</param>
/// <param name="Provider">The provider that reads the key, as named in an error message.</param>
/// <param name="MigrationFileName">The migration script that inserts the row.</param>
public sealed record OrleansQueryKey(string Key, string Provider, string MigrationFileName);

/// <summary>
/// The OrleansQuery keys that the migrations define for Orleans 10.4.2's ADO.NET providers.
/// </summary>
/// <remarks>
/// The clustering and reminder providers fail at start-up when a required key is missing. The
/// grain storage provider fails with only "Sequence contains no matching element". Two keys
/// here are optional for Orleans: CleanupDefunctSiloEntryKey makes dead-silo cleanup check the
/// row it deletes, and DeleteStorageKey is needed only when DeleteStateOnClear is set.
/// </remarks>
public static class OrleansQueryKeys
{
    private const string Clustering = "clustering";
    private const string GrainStorage = "grain storage";
    private const string Reminders = "reminders";

    private const string ClusteringScript = "0001_orleans_clustering.sql";
    private const string PersistenceScript = "0002_orleans_persistence.sql";
    private const string RemindersScript = "0003_orleans_reminders.sql";

    public static IReadOnlyList<OrleansQueryKey> All { get; } =
    [
        new("InsertMembershipVersionKey", Clustering, ClusteringScript),
        new("InsertMembershipKey", Clustering, ClusteringScript),
        new("UpdateMembershipKey", Clustering, ClusteringScript),
        new("UpdateIAmAlivetimeKey", Clustering, ClusteringScript),
        new("MembershipReadRowKey", Clustering, ClusteringScript),
        new("MembershipReadAllKey", Clustering, ClusteringScript),
        new("GatewaysQueryKey", Clustering, ClusteringScript),
        new("DeleteMembershipTableEntriesKey", Clustering, ClusteringScript),
        new("CleanupDefunctSiloEntriesKey", Clustering, ClusteringScript),
        new("CleanupDefunctSiloEntryKey", Clustering, ClusteringScript),

        new("ReadFromStorageKey", GrainStorage, PersistenceScript),
        new("WriteToStorageKey", GrainStorage, PersistenceScript),
        new("ClearStorageKey", GrainStorage, PersistenceScript),
        new("DeleteStorageKey", GrainStorage, PersistenceScript),

        new("UpsertReminderRowKey", Reminders, RemindersScript),
        new("ReadReminderRowsKey", Reminders, RemindersScript),
        new("ReadReminderRowKey", Reminders, RemindersScript),
        new("ReadRangeRows1Key", Reminders, RemindersScript),
        new("ReadRangeRows2Key", Reminders, RemindersScript),
        new("DeleteReminderRowKey", Reminders, RemindersScript),
        new("DeleteReminderRowsKey", Reminders, RemindersScript),
    ];
}
