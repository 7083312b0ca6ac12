using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Members;

namespace Pointspot.Grains.Receipts;

/// <summary>
/// Routes refunds and voids to the member of a receipt. A stateless worker: it only reads the
/// ledger, and the member grain that it calls orders the changes of that member.
/// </summary>
[StatelessWorker]
public sealed class ReceiptGrain(LedgerReader ledgerReader) : Grain, IReceiptGrain
{
    public async Task<PointsChangeResult> RefundPurchase(RefundPurchaseCommand command)
    {
        var invalid = PointsRules.CheckText("receiptNumber", command.ReceiptNumber, PointsRules.MaxReceiptNumberLength);
        if (invalid is not null)
        {
            return new PointsChangeResult(null, null, false, invalid);
        }

        string receiptNumber = command.ReceiptNumber.Trim();
        var (earned, _) = await ledgerReader.FindReceiptMembersAsync(this.GetPrimaryKey(), receiptNumber);
        if (earned is not null && MemberPrivacyStore.IsPseudonym(earned))
        {
            return PointsChangeResult.Failed(ErasedMember(receiptNumber).Code, ErasedMember(receiptNumber).Message);
        }

        return earned is null
            ? PointsChangeResult.Failed(ErrorCodes.ReceiptNotFound,
                $"Receipt \"{receiptNumber}\" earned no points at this merchant: check the receipt number.")
            : await Member(earned).RefundPurchase(command);
    }

    public async Task<VoidResult> VoidPurchase(VoidPurchaseCommand command)
    {
        var invalid = PointsRules.CheckText("receiptNumber", command.ReceiptNumber, PointsRules.MaxReceiptNumberLength);
        if (invalid is not null)
        {
            return VoidResult.Failed(invalid);
        }

        // Paying with points checks that the payer is the member who earned on the receipt.
        // NOTE: a receipt paid by one member and then earning for another (collectPoints does
        // not check payments) is voided only for the payer.
        string receiptNumber = command.ReceiptNumber.Trim();
        var (earned, paid) = await ledgerReader.FindReceiptMembersAsync(this.GetPrimaryKey(), receiptNumber);
        if ((paid ?? earned) is { } erased && MemberPrivacyStore.IsPseudonym(erased))
        {
            return VoidResult.Failed(ErasedMember(receiptNumber));
        }

        return (paid ?? earned) is { } phone
            ? await Member(phone).VoidPurchase(command)
            : VoidResult.Failed(new PointspotError(ErrorCodes.ReceiptNotFound,
                $"Receipt \"{receiptNumber}\" neither earned nor paid points at this merchant: check the receipt number."));
    }

    private static PointspotError ErasedMember(string receiptNumber) => new(ErrorCodes.MemberNotFound,
        $"The member of receipt \"{receiptNumber}\" was erased on request: its points can no longer be changed.");

    private IMemberGrain Member(string phone) =>
        GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(this.GetPrimaryKey(), PhoneNumber.FromE164(phone)));
}
