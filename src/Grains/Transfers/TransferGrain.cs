using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Transfers;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Transfers;

/// <summary>
/// A transfer as a saga: record it, debit the sender, credit the receiver, record the end. The
/// debit and the credit are separate calls to the two member grains, so no member grain waits
/// for another and transfers in opposite directions cannot block each other. Both entries have
/// idempotency keys derived from the transfer's key, so repeating a step after a crash returns
/// the entry written before instead of writing a second one. A reminder, registered before the
/// debit and removed at the end, resumes a transfer whose grain stopped midway.
/// </summary>
public sealed partial class TransferGrain(
    [PersistentState("transfer", "pointspot")] IPersistentState<TransferState> state,
    IOptions<TransferOptions> options,
    ILogger<TransferGrain> logger) : Grain, ITransferGrain, IRemindable
{
    public const string ReminderName = "resume-transfer";

    // The ledger keys of the two entries: the transfer's key with these endings.
    private const string OutSuffix = "/out";
    private const string InSuffix = "/in";

    public async Task<TransferResult> Transfer(TransferCommand command)
    {
        var begun = await Begin(command);
        return begun.Status == TransferStatus.Pending && begun.Error is null ? await CreditAsync() : begun;
    }

    public async Task<TransferResult> Begin(TransferCommand command)
    {
        if (state.State.Command is { } recorded)
        {
            if (recorded.FromPhone != command.FromPhone || recorded.ToPhone != command.ToPhone
                || recorded.Points != command.Points)
            {
                return TransferResult.Failed(new PointspotError(ErrorCodes.IdempotencyKeyReused,
                    $"Idempotency key \"{Key.IdempotencyKey}\" was already used for another transfer: send a new key "
                    + "for a new transfer."));
            }

            return state.State.Status == TransferStatus.Pending
                ? await DebitAsync()
                : await ResultAsync(replayed: true);
        }

        var invalid = Check(command)
            ?? PointsRules.CheckText("idempotencyKey", Key.IdempotencyKey, PointsRules.MaxIdempotencyKeyLength - OutSuffix.Length);
        if (invalid is not null)
        {
            return TransferResult.Failed(invalid);
        }

        // Recorded, and the reminder set, before any points move: from here on the transfer
        // reaches an end even if this grain stops.
        state.State.Command = command;
        state.State.Status = TransferStatus.Pending;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ReminderName, options.Value.ResumeDelay, options.Value.ResumePeriod);
        return await DebitAsync();
    }

    public async Task<TransferResult> Resume()
    {
        if (state.State.Command is null)
        {
            await StopReminderAsync();
            return TransferResult.Failed(new PointspotError(ErrorCodes.NotFound,
                $"No transfer has idempotency key \"{Key.IdempotencyKey}\"."));
        }

        if (state.State.Status != TransferStatus.Pending)
        {
            await StopReminderAsync();
            return await ResultAsync(replayed: true);
        }

        LogResumed(Key.MerchantId, Key.IdempotencyKey);
        var debited = await DebitAsync();
        return debited.Status == TransferStatus.Pending && debited.Error is null ? await CreditAsync() : debited;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? Resume() : Task.CompletedTask;

    /// <summary>Debits the sender; a rejection (too few points) ends the transfer with nothing moved.</summary>
    private async Task<TransferResult> DebitAsync()
    {
        var command = state.State.Command!;
        var debit = await Member(command.FromPhone).TransferOut(new TransferPointsCommand(
            command.Points, command.ToPhone, Key.IdempotencyKey + OutSuffix, command.Actor));
        if (debit.Error is { } error)
        {
            if (error.Code == ErrorCodes.Unavailable)
            {
                return new TransferResult(TransferStatus.Pending, null, null, null, null, false, error);
            }

            state.State.Status = TransferStatus.Rejected;
            state.State.Error = error;
            await state.WriteStateAsync();
            await StopReminderAsync();
            return TransferResult.Failed(error);
        }

        state.State.Debit = debit.Entry;
        return new TransferResult(TransferStatus.Pending, debit.Entry, null, debit.Member, null, false, null);
    }

    /// <summary>Credits the receiver and records the end; a failure leaves the transfer to the reminder.</summary>
    private async Task<TransferResult> CreditAsync()
    {
        var command = state.State.Command!;
        var credit = await Member(command.ToPhone).TransferIn(new TransferPointsCommand(
            command.Points, command.FromPhone, Key.IdempotencyKey + InSuffix, command.Actor));
        if (credit.Error is { } error)
        {
            // NOTE: an unavailable ledger is the expected cause. A credit the receiver rejects
            // (a balance that would pass the largest long) is retried by the reminder for ever,
            // and the sender's debit is not given back.
            LogCreditFailed(Key.MerchantId, Key.IdempotencyKey, error.Code);
            return new TransferResult(TransferStatus.Pending, state.State.Debit, null, null, null, false, error);
        }

        state.State.Credit = credit.Entry;
        state.State.Status = TransferStatus.Completed;
        await state.WriteStateAsync();
        await StopReminderAsync();
        return await ResultAsync(replayed: false);
    }

    private async Task<TransferResult> ResultAsync(bool replayed)
    {
        var command = state.State.Command!;
        if (state.State.Status == TransferStatus.Rejected)
        {
            return TransferResult.Failed(state.State.Error!);
        }

        var from = await Member(command.FromPhone).GetMember();
        var to = await Member(command.ToPhone).GetMember();
        return new TransferResult(state.State.Status, state.State.Debit, state.State.Credit, from, to, replayed, null);
    }

    private static PointspotError? Check(TransferCommand command)
    {
        if (command.Points <= 0 || command.Points > PointsRules.MaxAdjustPoints)
        {
            return new PointspotError(ErrorCodes.InvalidPoints,
                $"points {command.Points} is out of range: transfer between 1 and "
                + $"{PointsRules.MaxAdjustPoints.ToString("N0", CultureInfo.InvariantCulture)} points.");
        }

        return command.FromPhone == command.ToPhone
            ? new PointspotError(ErrorCodes.InvalidInput,
                $"fromPhone and toPhone are the same member ({command.FromPhone}): transfer to another member.")
            : null;
    }

    private async Task StopReminderAsync()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private (Guid MerchantId, string IdempotencyKey) Key => TransferKey.Parse(this.GetPrimaryKeyString());

    private IMemberGrain Member(string phone) =>
        GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(Key.MerchantId, PhoneNumber.FromE164(phone)));

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Transfer {IdempotencyKey} of merchant {MerchantId} resumed")]
    private partial void LogResumed(Guid merchantId, string idempotencyKey);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Transfer {IdempotencyKey} of merchant {MerchantId}: credit failed with {Code}; the reminder retries it")]
    private partial void LogCreditFailed(Guid merchantId, string idempotencyKey, string code);
}
