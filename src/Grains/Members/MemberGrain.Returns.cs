using System.Globalization;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

/// <summary>Refunds and voids: entries that reverse a receipt's EARN and PAY entries.</summary>
public sealed partial class MemberGrain
{
    // A void writes up to two entries, each with the request's key and one of these endings.
    private const string VoidPaymentSuffix = "/pay";
    private const string VoidEarnSuffix = "/earn";

    public async Task<PointsChangeResult> RefundPurchase(RefundPurchaseCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return MerchantMissing();
        }

        await EnsureStateAsync();
        if (_recent.TryGet(command.IdempotencyKey, out var earlier))
        {
            return Replay(earlier, settings, MatchesRefund(earlier, command));
        }

        Func<StoredLedgerEntry, bool> matches = e => MatchesRefund(e, command);
        var invalid = CheckRefund(command);
        if (invalid is not null)
        {
            return await RejectAsync(invalid, command.IdempotencyKey, settings, matches);
        }

        if (await ExpireDueLotsAsync(settings) is { } expiryFailed)
        {
            return PointsChangeResult.Failed(expiryFailed.Code, expiryFailed.Message);
        }

        string receiptNumber = command.ReceiptNumber.Trim();
        var receipt = await ledgerReader.ReadReceiptEntriesAsync(_merchantId, _phone.E164, receiptNumber);
        var earn = receipt.FirstOrDefault(e => e.Kind == LedgerEntryKind.Earn);
        var refusal = earn is null
            ? new PointspotError(ErrorCodes.ReceiptNotFound,
                $"Receipt \"{receiptNumber}\" earned no points for member {_phone.National}: check the receipt number.")
            : CheckRefundFits(receipt, earn, command.Amount);
        if (refusal is not null)
        {
            return await RejectAsync(refusal, command.IdempotencyKey, settings, matches);
        }

        var (taken, shortfall) = TakeBack(DueForRefund(receipt, earn!, command.Amount) - ExpiredOf(earn!));
        var row = NewRow(LedgerEntryKind.Refund, -taken, command.IdempotencyKey, command.Actor.ToString(), clock.UtcNow)
            with
        {
            Amount = decimal.Round(command.Amount, 2) + 0.00m,
            ReceiptNumber = receiptNumber,
            ReversesEntryId = earn!.EntryId,
            ShortfallPoints = shortfall,
        };
        return await AppendAsync(row, settings, matches);
    }

    public async Task<VoidResult> VoidPurchase(VoidPurchaseCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return VoidResult.Failed(MerchantMissing().Error!);
        }

        var invalid = PointsRules.CheckText("receiptNumber", command.ReceiptNumber, PointsRules.MaxReceiptNumberLength)
            ?? PointsRules.CheckText("idempotencyKey", command.IdempotencyKey,
                PointsRules.MaxIdempotencyKeyLength - VoidPaymentSuffix.Length - 1);
        if (invalid is not null)
        {
            return VoidResult.Failed(invalid);
        }

        await EnsureStateAsync();
        string receiptNumber = command.ReceiptNumber.Trim();
        var receipt = await ledgerReader.ReadReceiptEntriesAsync(_merchantId, _phone.E164, receiptNumber);
        var earn = receipt.FirstOrDefault(e => e.Kind == LedgerEntryKind.Earn);
        var pay = receipt.FirstOrDefault(e => e.Kind == LedgerEntryKind.Pay);
        var voids = receipt.Where(e => e.Kind == LedgerEntryKind.Void).ToList();
        if (earn is null && pay is null)
        {
            return VoidResult.Failed(new PointspotError(ErrorCodes.ReceiptNotFound,
                $"Receipt \"{receiptNumber}\" has no EARN or PAY entry of member {_phone.National}: check the receipt number."));
        }

        var voidedBefore = voids.FirstOrDefault(v => !IsPartOfVoid(v.IdempotencyKey, command.IdempotencyKey));
        if (voidedBefore is not null)
        {
            return VoidResult.Failed(new PointspotError(ErrorCodes.ReceiptVoided,
                $"Receipt \"{receiptNumber}\" was already voided (entry {voidedBefore.EntryId}): nothing is left to void."));
        }

        return await WriteVoidAsync(command, settings, receipt, earn, pay, voids);
    }

    /// <summary>
    /// Restores the payment's lots, then takes back what the sale earned and no refund took yet.
    /// A retry after a crash between the two entries finds the first and writes only the second.
    /// </summary>
    private async Task<VoidResult> WriteVoidAsync(VoidPurchaseCommand command, MerchantSettings settings,
        List<StoredLedgerEntry> receipt, StoredLedgerEntry? earn, StoredLedgerEntry? pay, List<StoredLedgerEntry> voids)
    {
        var entries = new List<LedgerEntryView>();
        bool replayed = true;
        if (await ExpireDueLotsAsync(settings) is { } expiryFailed)
        {
            return VoidResult.Failed(expiryFailed);
        }

        if (pay is not null)
        {
            var restored = await WriteVoidPartAsync(settings, voids, pay.EntryId,
                () => NewRow(LedgerEntryKind.Void, -pay.Points, command.IdempotencyKey + VoidPaymentSuffix,
                    command.Actor.ToString(), clock.UtcNow) with { ReceiptNumber = pay.ReceiptNumber, ReversesEntryId = pay.EntryId });
            if (restored.Error is not null)
            {
                return VoidResult.Failed(restored.Error);
            }

            entries.Add(restored.Entry!);
            replayed &= restored.Replayed;

            // Restored lots keep their dates, so some may be due already.
            if (await ExpireDueLotsAsync(settings) is { } restoredExpiryFailed)
            {
                return VoidResult.Failed(restoredExpiryFailed);
            }
        }

        if (earn is not null)
        {
            var takenBack = await WriteVoidPartAsync(settings, voids, earn.EntryId, () =>
            {
                var (taken, shortfall) = TakeBack(earn.Points - DueBefore(receipt, earn) - ExpiredOf(earn));
                return NewRow(LedgerEntryKind.Void, -taken, command.IdempotencyKey + VoidEarnSuffix,
                    command.Actor.ToString(), clock.UtcNow) with
                {
                    ReceiptNumber = earn.ReceiptNumber,
                    ReversesEntryId = earn.EntryId,
                    ShortfallPoints = shortfall,
                };
            });
            if (takenBack.Error is not null)
            {
                return VoidResult.Failed(takenBack.Error);
            }

            entries.Add(takenBack.Entry!);
            replayed &= takenBack.Replayed;
        }

        return new VoidResult(entries, ToMemberView(settings), replayed, null);
    }

    private async Task<PointsChangeResult> WriteVoidPartAsync(
        MerchantSettings settings, List<StoredLedgerEntry> voids, long reversedEntryId, Func<LedgerRow> buildRow)
    {
        var done = voids.FirstOrDefault(v => v.ReversesEntryId == reversedEntryId);
        if (done is not null)
        {
            return new PointsChangeResult(ToEntryView(done, settings.TimeZone), null, true, null);
        }

        var row = buildRow();
        var result = await AppendAsync(row, settings,
            e => e.Kind == LedgerEntryKind.Void && e.ReversesEntryId == reversedEntryId);
        if (result.Error?.Code == ErrorCodes.IdempotencyKeyReused)
        {
            // The entry's key is the caller's key plus a suffix, which the caller never sent.
            string callerKey = row.IdempotencyKey[..row.IdempotencyKey.LastIndexOf('/')];
            return PointsChangeResult.Failed(ErrorCodes.IdempotencyKeyReused,
                $"Idempotency key \"{callerKey}\" was already used for another request: send a new key for a new void.");
        }

        return result;
    }

    private static PointspotError? CheckRefund(RefundPurchaseCommand command)
    {
        var invalid = PointsRules.CheckMoney("amount", command.Amount, PointsRules.MaxAmount, ErrorCodes.InvalidAmount)
            ?? PointsRules.CheckText("receiptNumber", command.ReceiptNumber, PointsRules.MaxReceiptNumberLength)
            ?? PointsRules.CheckText("idempotencyKey", command.IdempotencyKey, PointsRules.MaxIdempotencyKeyLength);
        if (invalid is null && command.Amount == 0)
        {
            invalid = new PointspotError(ErrorCodes.InvalidAmount,
                "amount 0 refunds nothing: send the refunded amount, 0.01 or more.");
        }

        return invalid;
    }

    private static PointspotError? CheckRefundFits(List<StoredLedgerEntry> receipt, StoredLedgerEntry earn, decimal amount)
    {
        var voided = receipt.FirstOrDefault(e => e.Kind == LedgerEntryKind.Void && e.ReversesEntryId == earn.EntryId);
        if (voided is not null)
        {
            return new PointspotError(ErrorCodes.ReceiptVoided,
                $"Receipt \"{earn.ReceiptNumber}\" was voided (entry {voided.EntryId}): a voided sale has nothing left to refund.");
        }

        decimal purchase = earn.Amount ?? 0;
        decimal refundedBefore = RefundedBefore(receipt, earn);
        if (refundedBefore + amount <= purchase)
        {
            return null;
        }

        string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);
        return new PointspotError(ErrorCodes.RefundExceedsPurchase,
            $"Refund of {Show(amount)} on receipt \"{earn.ReceiptNumber}\" would bring the refunds to "
            + $"{Show(refundedBefore + amount)}, more than the purchase amount {Show(purchase)} ({Show(refundedBefore)} "
            + $"refunded before): refund at most {Show(purchase - refundedBefore)}.");
    }

    private static decimal RefundedBefore(List<StoredLedgerEntry> receipt, StoredLedgerEntry earn) =>
        receipt.Where(e => e.Kind == LedgerEntryKind.Refund && e.ReversesEntryId == earn.EntryId)
            .Sum(e => e.Amount ?? 0);

    /// <summary>Points the receipt's refunds took back so far, shortfalls included.</summary>
    private static long DueBefore(List<StoredLedgerEntry> receipt, StoredLedgerEntry earn) =>
        receipt.Where(e => e.Kind == LedgerEntryKind.Refund && e.ReversesEntryId == earn.EntryId)
            .Sum(e => -e.Points + (e.ShortfallPoints ?? 0));

    private static long DueForRefund(List<StoredLedgerEntry> receipt, StoredLedgerEntry earn, decimal amount) =>
        RefundCalculator.PointsDue(earn.Points, earn.Amount ?? 0, RefundedBefore(receipt, earn) + amount)
        - DueBefore(receipt, earn);

    /// <summary>
    /// Returns the points of a sale's lot that expired. The member lost them already, so a refund
    /// or void takes back only what is due beyond them.
    /// </summary>
    private long ExpiredOf(StoredLedgerEntry earn) => _lots.FindLot(earn.EntryId)?.ExpiredPoints ?? 0;

    /// <summary>
    /// Splits points due back into what the balance allows and the shortfall: a member who has
    /// spent the points already is taken to zero, never below, and the rest is recorded.
    /// </summary>
    private (long Taken, long Shortfall) TakeBack(long due)
    {
        long taken = Math.Clamp(due, 0, _lots.Balance);
        return (taken, Math.Max(0, due - taken));
    }

    private static bool IsPartOfVoid(string entryKey, string requestKey) =>
        entryKey == requestKey + VoidPaymentSuffix || entryKey == requestKey + VoidEarnSuffix;

    private static bool MatchesRefund(StoredLedgerEntry entry, RefundPurchaseCommand command) =>
        entry.Kind == LedgerEntryKind.Refund
        && entry.Amount == command.Amount
        && entry.ReceiptNumber == command.ReceiptNumber.Trim();
}
