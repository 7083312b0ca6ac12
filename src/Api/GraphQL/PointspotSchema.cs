using GraphQL;
using GraphQL.Instrumentation;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Pointspot.Api.GraphQL.Scalars;

namespace Pointspot.Api.GraphQL;

public sealed class PointspotSchema : Schema
{
    public PointspotSchema(IServiceProvider services) : base(services)
    {
        Query = services.GetRequiredService<QueryType>();
        Mutation = services.GetRequiredService<MutationType>();
        Subscription = services.GetRequiredService<SubscriptionType>();
        RegisterTypeMapping(typeof(decimal), typeof(DecimalScalar));
        RegisterTypeMapping(typeof(DateTimeOffset), typeof(DateTimeScalar));
        FieldMiddleware.Use(services.GetRequiredService<AuditFieldMiddleware>());
    }
}
