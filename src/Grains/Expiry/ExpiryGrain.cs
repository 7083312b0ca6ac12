using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pointspot.Grains.Interfaces.Expiry;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Expiry;

/// <summary>
/// The expiry run of one merchant. Each run queries the ledger for the members that have a lot
/// whose expiry instant passed since the last complete run, and has each of those member grains
/// write the EXPIRE entries of its due lots. A member writes nothing for a lot already spent or
/// expired, and the EXPIRE entry's idempotency key names the lot, so a repeated run changes
/// nothing. The merchant's last complete run is the only state, written once per run.
/// </summary>
public sealed partial class ExpiryGrain(
    [PersistentState("expiry", "pointspot")] IPersistentState<ExpiryState> state,
    LedgerReader ledgerReader,
    PointsClock clock,
    IOptions<ExpiryOptions> options,
    ILogger<ExpiryGrain> logger) : Grain, IExpiryGrain, IRemindable
{
    public const string ReminderName = "expire-points";

    public async Task Start()
    {
        await this.RegisterOrUpdateReminder(ReminderName, options.Value.FirstRunDelay, options.Value.Period);
    }

    public async Task<ExpiryRunResult> RunOnce()
    {
        Guid merchantId = this.GetPrimaryKey();
        var now = clock.UtcNow;
        var phones = await ledgerReader.FindMembersWithLotsDueAsync(merchantId, state.State.ExpiredThrough, now);

        long points = 0;
        int failed = 0;
        foreach (var chunk in phones.Chunk(Math.Max(1, options.Value.ParallelMembers)))
        {
            var results = await Task.WhenAll(chunk.Select(phone => ExpireMemberAsync(merchantId, phone)));
            points += results.Sum(result => result ?? 0);
            failed += results.Count(result => result is null);
        }

        // A failed member keeps the window open, so the next run calls it again. Members that
        // were already done write nothing the second time.
        if (failed == 0 && now > state.State.ExpiredThrough)
        {
            state.State.ExpiredThrough = now;
            await state.WriteStateAsync();
        }

        LogRun(merchantId, phones.Count, points, failed);
        return new ExpiryRunResult(phones.Count, points, failed);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? RunOnce() : Task.CompletedTask;

    private async Task<long?> ExpireMemberAsync(Guid merchantId, string phone)
    {
        try
        {
            var member = GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(merchantId, PhoneNumber.FromE164(phone)));
            var result = await member.ExpireDue();
            if (result.Error is not null)
            {
                LogMemberFailed(null, merchantId, phone, result.Error.Message);
                return null;
            }

            return result.Points;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogMemberFailed(exception, merchantId, phone, exception.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Expiry run of merchant {MerchantId}: {Members} members with due lots, {Points} points expired, {Failed} failed")]
    private partial void LogRun(Guid merchantId, int members, long points, int failed);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Expiry of member {Phone} of merchant {MerchantId} failed and is retried by the next run: {Problem}")]
    private partial void LogMemberFailed(Exception? exception, Guid merchantId, string phone, string problem);
}
