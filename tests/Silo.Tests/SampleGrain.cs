using Orleans.Runtime;

namespace Pointspot.Silo.Tests;

/// <summary>
/// A string-keyed grain that stores one value through the ADO.NET grain storage and manages
/// reminders through the ADO.NET reminder table.
/// </summary>
public interface ISampleGrain : IGrainWithStringKey
{
    Task SetValue(string value);

    /// <summary>Reloads the state from storage, then returns its value.</summary>
    Task<string?> ReadStoredValue();

    Task ClearValue();

    Task Deactivate();

    Task RegisterReminder(string reminderName, TimeSpan period);

    Task<bool> HasReminder(string reminderName);

    Task<List<string>> ListReminderNames();

    Task RemoveReminder(string reminderName);
}

[GenerateSerializer]
public sealed class SampleState
{
    [Id(0)]
    public string? Value { get; set; }
}

public sealed class SampleGrain(
    [PersistentState(SampleGrain.StateName, SampleGrain.StorageName)] IPersistentState<SampleState> state)
    : Grain, ISampleGrain, IRemindable
{
    public const string StateName = "sample";

    public const string StorageName = "AdoNetStore";

    public async Task SetValue(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public async Task<string?> ReadStoredValue()
    {
        await state.ReadStateAsync();
        return state.State.Value;
    }

    public Task ClearValue() => state.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task RegisterReminder(string reminderName, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime: period, period: period);

    public async Task<bool> HasReminder(string reminderName) =>
        await this.GetReminder(reminderName) is not null;

    public async Task<List<string>> ListReminderNames()
    {
        IReadOnlyList<IGrainReminder> reminders = await this.GetReminders();
        return reminders.Select(reminder => reminder.ReminderName).Order(StringComparer.Ordinal).ToList();
    }

    public async Task RemoveReminder(string reminderName)
    {
        IGrainReminder? reminder = await this.GetReminder(reminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    // The tests register reminders with a period of minutes and finish before the first tick.
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
