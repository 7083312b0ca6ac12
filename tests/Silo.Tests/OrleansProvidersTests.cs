using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Pointspot.Silo.Tests;

/// <summary>
/// Runs Orleans' ADO.NET clustering, grain storage and reminder providers against the SQL of
/// the migrations, through a real silo.
/// </summary>
public sealed class OrleansProvidersTests(OrleansSiloFixture silo) : IClassFixture<OrleansSiloFixture>
{
    private const int ActiveStatus = 3;

    private IGrainFactory GrainFactory => silo.Host.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Silo_Started_IsActiveInMembershipTable()
    {
        int? status = await silo.Database.QueryScalarAsync<int?>(
            "SELECT status FROM orleans_membership WHERE deployment_id = @cluster AND port = @port",
            ("cluster", silo.ClusterId),
            ("port", OrleansSiloFixture.SiloPort));
        Assert.Equal(ActiveStatus, status);

        int? proxyPort = await silo.Database.QueryScalarAsync<int?>(
            "SELECT proxy_port FROM orleans_membership WHERE deployment_id = @cluster",
            ("cluster", silo.ClusterId));
        Assert.Equal(OrleansSiloFixture.GatewayPort, proxyPort);

        // The version starts at 0 and every membership change bumps it.
        int tableVersion = await silo.Database.QueryScalarAsync<int>(
            "SELECT version FROM orleans_membership_version WHERE deployment_id = @cluster",
            ("cluster", silo.ClusterId));
        Assert.True(tableVersion > 0, $"Membership version should have been bumped, was {tableVersion}.");
    }

    [Fact]
    public async Task GrainState_WriteThenRead_RoundTrips()
    {
        const string key = "state-round-trip";
        var grain = GrainFactory.GetGrain<ISampleGrain>(key);

        await grain.SetValue("gold tier");
        await grain.Deactivate();
        string? value = await grain.ReadStoredValue();

        Assert.Equal("gold tier", value);

        int? version = await silo.Database.QueryScalarAsync<int?>(
            "SELECT version FROM orleans_grain_state "
            + "WHERE grain_id_extension_string = @key AND service_id = @service",
            ("key", key),
            ("service", TestSiloHost.ServiceId));
        Assert.Equal(1, version);

        byte[]? payload = await silo.Database.QueryScalarAsync<byte[]>(
            "SELECT payload_binary FROM orleans_grain_state WHERE grain_id_extension_string = @key",
            ("key", key));
        Assert.NotNull(payload);
        Assert.Contains("gold tier", System.Text.Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task GrainState_StaleWriter_GetsVersionConflict()
    {
        const string key = "state-conflict";
        var grain = GrainFactory.GetGrain<ISampleGrain>(key);
        await grain.SetValue("written by the grain");

        // A second writer that read version 1 writes first, so the grain's copy becomes stale.
        IGrainStorage storage = silo.Host.Services.GetRequiredKeyedService<IGrainStorage>(SampleGrain.StorageName);
        var otherWriter = new GrainState<SampleState>(new SampleState { Value = "written by another writer" }, "1");
        await storage.WriteStateAsync(SampleGrain.StateName, grain.GetGrainId(), otherWriter);
        Assert.Equal("2", otherWriter.ETag);

        var staleWriter = new GrainState<SampleState>(new SampleState { Value = "stale" }, "1");
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(SampleGrain.StateName, grain.GetGrainId(), staleWriter));

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetValue("stale grain write"));

        var reader = new GrainState<SampleState>();
        await storage.ReadStateAsync(SampleGrain.StateName, grain.GetGrainId(), reader);
        Assert.NotNull(reader.State);
        Assert.Equal("written by another writer", reader.State.Value);
        Assert.Equal("2", reader.ETag);
    }

    [Fact]
    public async Task GrainState_DuplicateInsert_GetsVersionConflict()
    {
        const string key = "state-duplicate-insert";
        var grain = GrainFactory.GetGrain<ISampleGrain>(key);
        await grain.SetValue("first insert");

        // A writer without an ETag believes no row exists yet.
        IGrainStorage storage = silo.Host.Services.GetRequiredKeyedService<IGrainStorage>(SampleGrain.StorageName);
        var secondInsert = new GrainState<SampleState>(new SampleState { Value = "second insert" });

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(SampleGrain.StateName, grain.GetGrainId(), secondInsert));
        Assert.Equal("first insert", await grain.ReadStoredValue());
    }

    [Fact]
    public async Task GrainState_Clear_KeepsVersionedRow()
    {
        const string key = "state-clear";
        var grain = GrainFactory.GetGrain<ISampleGrain>(key);
        await grain.SetValue("before clear");

        await grain.ClearValue();

        Assert.Null(await grain.ReadStoredValue());
        int? versionAfterClear = await silo.Database.QueryScalarAsync<int?>(
            "SELECT version FROM orleans_grain_state WHERE grain_id_extension_string = @key AND payload_binary IS NULL",
            ("key", key));
        Assert.Equal(2, versionAfterClear);

        await grain.SetValue("after clear");
        Assert.Equal("after clear", await grain.ReadStoredValue());
    }

    [Fact]
    public async Task Reminder_Registered_IsStoredAndReadBack()
    {
        const string key = "reminder-owner";
        const string reminderName = "daily-summary";
        var grain = GrainFactory.GetGrain<ISampleGrain>(key);

        await grain.RegisterReminder(reminderName, TimeSpan.FromMinutes(5));

        Assert.True(await grain.HasReminder(reminderName));
        Assert.Equal([reminderName], await grain.ListReminderNames());

        long? periodMs = await silo.Database.QueryScalarAsync<long?>(
            "SELECT period_ms FROM orleans_reminder WHERE grain_id = @grain AND reminder_name = @name",
            ("grain", grain.GetGrainId().ToString()),
            ("name", reminderName));
        Assert.Equal(300_000L, periodMs);

        await grain.RemoveReminder(reminderName);

        Assert.False(await grain.HasReminder(reminderName));
        long rows = await silo.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM orleans_reminder WHERE grain_id = @grain",
            ("grain", grain.GetGrainId().ToString()));
        Assert.Equal(0L, rows);
    }

    [Fact]
    public async Task ReminderTable_HashRange_FindsReminder()
    {
        const string reminderName = "range-probe";
        var grain = GrainFactory.GetGrain<ISampleGrain>("reminder-range");
        await grain.RegisterReminder(reminderName, TimeSpan.FromMinutes(10));
        uint hash = grain.GetGrainId().GetUniformHashCode();
        IReminderTable table = silo.Host.Services.GetRequiredService<IReminderTable>();

        // The range (begin, end] is exclusive at begin. Equal bounds mean the whole ring.
        ReminderTableData wholeRing = await table.ReadRows(hash, hash);
        ReminderTableData justThisHash = await table.ReadRows(hash - 1, hash);
        ReminderTableData excludingThisHash = await table.ReadRows(hash, hash + 1);

        Assert.Contains(wholeRing.Reminders, entry => entry.ReminderName == reminderName);
        Assert.Contains(justThisHash.Reminders, entry => entry.ReminderName == reminderName);
        Assert.DoesNotContain(excludingThisHash.Reminders, entry => entry.ReminderName == reminderName);

        await grain.RemoveReminder(reminderName);
    }

    [Fact]
    public async Task Client_ThroughAdoNetGateway_CallsGrain()
    {
        using IHost client = TestSiloHost.BuildClient(silo.Database.ConnectionString, silo.ClusterId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await client.StartAsync(timeout.Token);

        var grain = client.Services.GetRequiredService<IClusterClient>().GetGrain<ISampleGrain>("via-gateway");
        await grain.SetValue("sent through the gateway");
        string? value = await grain.ReadStoredValue();

        await client.StopAsync(timeout.Token);
        Assert.Equal("sent through the gateway", value);
    }
}
