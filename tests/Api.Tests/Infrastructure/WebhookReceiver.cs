using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>One request the receiver got, and the status it returned.</summary>
public sealed record WebhookRequest(long Sequence, int AttemptAtSequence, byte[] Body, string Signature, string Timestamp, int Status);

/// <summary>
/// A partner's webhook endpoint on 127.0.0.1 that returns 500 whenever <c>fail</c> returns true, given
/// the entry's sequence and the number of the attempt at it (1 for the first).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<WebhookRequest> _requests = [];

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyList<WebhookRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// Starts the receiver. <paramref name="hold"/>, when given, runs before each response, so a
    /// test can keep a request open while it kills the sender.
    /// </summary>
    public static async Task<WebhookReceiver> StartAsync(Func<long, int, bool> fail, Func<long, int, Task>? hold = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            long sequence = long.Parse(http.Request.Headers["Pointspot-Sequence"].ToString());
            if (hold is not null)
            {
                int pending;
                lock (receiver!._requests)
                {
                    pending = receiver._requests.Count(r => r.Sequence == sequence) + 1;
                }

                await hold(sequence, pending);
            }

            lock (receiver!._requests)
            {
                int attempt = receiver._requests.Count(r => r.Sequence == sequence) + 1;
                int status = fail(sequence, attempt) ? 500 : 204;
                receiver._requests.Add(new WebhookRequest(sequence, attempt, body.ToArray(),
                    http.Request.Headers["Pointspot-Signature"].ToString(),
                    http.Request.Headers["Pointspot-Timestamp"].ToString(), status));
                http.Response.StatusCode = status;
            }
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(new Uri(address), "hook"));
        return receiver;
    }

    /// <summary>Waits until <paramref name="done"/> holds for the requests so far.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<WebhookRequest>, bool> done)
    {
        using var timeout = new CancellationTokenSource(NodeScript.HangTimeout);
        while (!done(Requests))
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
