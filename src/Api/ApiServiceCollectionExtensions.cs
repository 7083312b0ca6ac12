using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pointspot.Api.GraphQL;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Api.Http;
using Pointspot.Api.Live;
using Pointspot.Grains.Interfaces.Claims;
using Pointspot.Grains.Interfaces.Imports;

namespace Pointspot.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Registers the GraphQL schema and transport. The host provides an Orleans IGrainFactory.</summary>
    public static IServiceCollection AddPointspotApi(this IServiceCollection services)
    {
        services.AddOptions<GraphQLLimits>().BindConfiguration("GraphQL");
        services.AddPointspotRateLimits();
        services.AddOptions<ClaimOptions>().BindConfiguration(ClaimOptions.Section);
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<GraphQLMetrics>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<IDocumentExecuter, DocumentExecuter>();
        services.AddSingleton<IErrorInfoProvider>(new ErrorInfoProvider(options =>
        {
            options.ExposeCode = true;
            options.ExposeCodes = false;
            options.ExposeExceptionDetails = false;
        }));
        services.AddSingleton<IGraphQLTextSerializer>(provider => new GraphQLSerializer(
            options =>
            {
                // Phone numbers and Thai names go out as written: "+66..." rather than "\u002B66...".
                options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            },
            provider.GetRequiredService<IErrorInfoProvider>()));

        services.AddSingleton<AuditFieldMiddleware>();
        services.AddSingleton<ISchema, PointspotSchema>();
        services.AddSingleton<QueryType>();
        services.AddSingleton<MutationType>();
        services.AddSingleton<SubscriptionType>();
        foreach (var type in typeof(MemberType).Assembly.GetTypes()
                     .Where(t => t.Namespace == typeof(MemberType).Namespace && typeof(IGraphType).IsAssignableFrom(t) && !t.IsAbstract))
        {
            services.AddSingleton(type);
        }

        services.AddPointspotLiveApi();
        services.AddSingleton<DecimalScalar>();
        services.AddSingleton<DateTimeScalar>();
        return services;
    }

    public static IEndpointRouteBuilder MapPointspotApi(this IEndpointRouteBuilder endpoints)
    {
        LiveEndpoints.MapGraphQL(endpoints);
        endpoints.MapPointspotLive();

        // Cast to Delegate: as a RequestDelegate, the IResult that the handlers return would be dropped.
        endpoints.MapPost("/claims", (Delegate)ClaimEndpoints.SubmitAsync);
        endpoints.MapPost("/merchants/{merchantId}/claims", (Delegate)ClaimEndpoints.SubmitFromMemberAsync);
        endpoints.MapGet("/claims/{id}/photo", (Delegate)ClaimEndpoints.PhotoAsync);
        endpoints.MapPost("/imports", (Delegate)ImportEndpoints.StartAsync);
        return endpoints;
    }
}
