namespace Pointspot.Grains.Interfaces.Points;

/// <summary>
/// Refunds and voids by receipt number, keyed by the merchant id. Finds the member whose
/// entries the receipt has and hands the request to that member grain.
/// </summary>
public interface IReceiptGrain : IGrainWithGuidKey
{
    Task<PointsChangeResult> RefundPurchase(RefundPurchaseCommand command);

    Task<VoidResult> VoidPurchase(VoidPurchaseCommand command);
}
