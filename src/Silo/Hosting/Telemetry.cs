using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Pointspot.Api.Http;
using Pointspot.Grains.Ledger;

namespace Pointspot.Silo.Hosting;

/// <summary>OpenTelemetry metrics, served at /metrics in Prometheus' text format.</summary>
public static class Telemetry
{
    /// <summary>The meter that Orleans 10 publishes its own instruments on (activations, messages, ...).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    public static IServiceCollection AddPointspotMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("pointspot"))
            .WithMetrics(metrics => metrics
                .AddMeter(GraphQLMetrics.MeterName, LedgerMetrics.MeterName, OrleansMeterName)
                // ASP.NET Core's own meters: http.server.request.duration and the Kestrel connections.
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// Maps GET /metrics. It is served on the API's port: keep it off the public internet at the
    /// load balancer or ingress.
    /// </summary>
    public static WebApplication MapPointspotMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
