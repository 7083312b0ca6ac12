using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Pointspot.Silo.Hosting;

namespace Pointspot.Silo.Tests;

/// <summary>
/// The silo host built with Orleans:Kubernetes:Enabled, without starting it: no Kubernetes API is
/// reachable here, so only the options that Orleans' Kubernetes hosting derives from the pod's
/// environment variables are checked.
/// </summary>
public sealed class KubernetesHostingTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> PodEnvironment = new()
    {
        ["POD_NAME"] = "pointspot-7d9f-abcde",
        ["POD_NAMESPACE"] = "pointspot",
        ["POD_IP"] = "10.1.2.3",
        ["ORLEANS_CLUSTER_ID"] = "pointspot-k8s",
        ["ORLEANS_SERVICE_ID"] = "pointspot",
    };

    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Build_KubernetesEnabled_UsesPodSettings()
    {
        foreach (var (name, value) in PodEnvironment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            await using var app = PointspotHost.Build([], new Dictionary<string, string?>
            {
                ["ConnectionStrings:Pointspot"] = database.ConnectionString,
                ["Orleans:Kubernetes:Enabled"] = "true",
                ["Orleans:SiloPort"] = "21811",
                ["Orleans:GatewayPort"] = "31811",
            });

            var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
            var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
            var silo = app.Services.GetRequiredService<IOptions<SiloOptions>>().Value;

            Assert.Equal(IPAddress.Parse("10.1.2.3"), endpoints.AdvertisedIPAddress);
            Assert.Equal(21811, endpoints.SiloPort);
            Assert.Equal(31811, endpoints.GatewayPort);
            Assert.Equal("pointspot-k8s", cluster.ClusterId);
            Assert.Equal("pointspot", cluster.ServiceId);
            Assert.Equal("pointspot-7d9f-abcde", silo.SiloName);
        }
        finally
        {
            foreach (string name in PodEnvironment.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
