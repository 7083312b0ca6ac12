using System.Globalization;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

/// <summary>Paying for purchases with points.</summary>
public sealed partial class MemberGrain
{
    public async Task<PointsChangeResult> PayWithPoints(PayWithPointsCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return MerchantMissing();
        }

        await EnsureStateAsync();
        if (_recent.TryGet(command.IdempotencyKey, out var earlier))
        {
            return Replay(earlier, settings, MatchesPay(earlier, command));
        }

        Func<StoredLedgerEntry, bool> matches = e => MatchesPay(e, command);
        var (points, amount, invalid) = PaymentCalculator.Convert(command, settings.PointValue);
        if (invalid is not null)
        {
            return await RejectAsync(invalid, command.IdempotencyKey, settings, matches);
        }

        if (await ExpireDueLotsAsync(settings) is { } expiryFailed)
        {
            return PointsChangeResult.Failed(expiryFailed.Code, expiryFailed.Message);
        }

        string receiptNumber = command.ReceiptNumber.Trim();
        var refusal = await CheckPaymentAsync(points, amount, receiptNumber, settings.PointValue!.Value);
        if (refusal is not null)
        {
            return await RejectAsync(refusal, command.IdempotencyKey, settings, matches);
        }

        var row = NewRow(LedgerEntryKind.Pay, -points, command.IdempotencyKey, command.Actor.ToString(), clock.UtcNow)
            with
        {
            Amount = amount,
            PointValue = settings.PointValue,
            ReceiptNumber = receiptNumber,
        };
        return await AppendAsync(row, settings, matches);
    }

    private async Task<PointspotError?> CheckPaymentAsync(long points, decimal amount, string receiptNumber, decimal pointValue)
    {
        if (_state.Status is null)
        {
            return new PointspotError(ErrorCodes.MemberNotFound,
                $"No member has phone number {_phone.National} at this merchant: there are no points to pay with.");
        }

        if (_lots.Balance < points)
        {
            return new PointspotError(ErrorCodes.InsufficientPoints,
                $"Member {_phone.National} has {_lots.Balance} points, fewer than the {points} points that pay "
                + $"{amount.ToString(CultureInfo.InvariantCulture)} at {pointValue.ToString(CultureInfo.InvariantCulture)} "
                + "a point: pay a smaller part with points.");
        }

        var receipt = await ledgerReader.ReadReceiptEntriesAsync(_merchantId, _phone.E164, receiptNumber);
        if (receipt.FirstOrDefault(e => e.Kind == LedgerEntryKind.Void) is { } voided)
        {
            return new PointspotError(ErrorCodes.ReceiptVoided,
                $"Receipt \"{receiptNumber}\" was voided (entry {voided.EntryId}): a voided sale cannot be paid; "
                + "send the new sale's receipt number.");
        }

        // Refunds and voids find a receipt's member by its EARN and PAY entries, so both must
        // belong to the same member.
        var earned = await ledgerReader.FindByReceiptAsync(_merchantId, receiptNumber, LedgerEntryKind.Earn);
        if (earned is not null && earned.Phone != _phone.E164)
        {
            return new PointspotError(ErrorCodes.ReceiptOfAnotherMember,
                $"Receipt \"{receiptNumber}\" earned points for another member: pay with the points of the member "
                + "who made the purchase, or use a new receipt number.");
        }

        return null;
    }

    private static bool MatchesPay(StoredLedgerEntry entry, PayWithPointsCommand command) =>
        entry.Kind == LedgerEntryKind.Pay
        && entry.ReceiptNumber == command.ReceiptNumber.Trim()
        && (command.Points is { } points ? -entry.Points == points : entry.Amount == command.Amount);
}
