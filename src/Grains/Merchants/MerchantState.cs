using Pointspot.Grains.Interfaces.Merchants;

namespace Pointspot.Grains.Merchants;

/// <summary>The stored state of a merchant grain; null settings mean no merchant has this id.</summary>
[GenerateSerializer, Alias("pointspot.merchant-state.v1")]
public sealed class MerchantState
{
    [Id(0)]
    public MerchantSettings? Settings { get; set; }
}
