using GraphQL.Types;

namespace Pointspot.Api.GraphQL;

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        LiveFields.AddSubscriptions(this);
    }
}
