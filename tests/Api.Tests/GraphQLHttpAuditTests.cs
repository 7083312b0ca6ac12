using System.Diagnostics;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// The server audits of the npm package graphql-http, the reference implementation of the
/// GraphQL-over-HTTP specification, run by Node.js against the real endpoint.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class GraphQLHttpAuditTests(ApiHostFixture fixture)
{
    [Fact]
    public async Task GraphQLHttpAudit_EveryAudit_Passes()
    {
        string scripts = FindJsTests();
        Assert.True(Directory.Exists(Path.Combine(scripts, "node_modules", "graphql-http")),
            $"graphql-http is not installed in {scripts}: run `npm ci` there (deploy/test.sh does).");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = scripts,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("graphql-http-audit.mjs");
        start.ArgumentList.Add(new Uri(fixture.Host.BaseAddress, "graphql").ToString());

        using var node = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Task<string> output = node.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> errors = node.StandardError.ReadToEndAsync(timeout.Token);
        await node.WaitForExitAsync(timeout.Token);
        string report = await output + await errors;

        Assert.True(node.ExitCode == 0, $"a MUST audit failed:\n{report}");
        Assert.Contains(" 0 warn, 0 error", report);
    }

    private static string FindJsTests()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tests", "js");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No tests/js/package.json above {AppContext.BaseDirectory}.");
    }
}
