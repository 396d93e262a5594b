using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Alerts;

/// <summary>One POST as the receiver saw it.</summary>
public sealed record ReceivedPost(string Method, string Path, string Headers, string Body, int AnsweredWith);

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel, a port of its own), standing in for a Slack incoming webhook: it keeps
/// every request whole and answers with the statuses it is given, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>Shaped like a Slack webhook's path, whose last part is the secret; distinctive, so a test can look for it.</summary>
    public const string SecretPath = "/services/T0CANARY/B0CANARY/hookSECRETcanary4242";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly Channel<ReceivedPost> _arrivals = Channel.CreateUnbounded<ReceivedPost>();
    private readonly List<ReceivedPost> _posts = [];

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedPost> Posts
    {
        get
        {
            lock (_posts)
            {
                return [.. _posts];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        foreach (var answer in answers)
        {
            receiver._answers.Enqueue(answer);
        }

        app.Run(receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Urls.Single()), SecretPath);
        return receiver;
    }

    /// <summary>An address on 127.0.0.1 where nothing listens: a receiver that is down.</summary>
    public static Uri Down()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}{SecretPath}");
    }

    /// <summary>The next request to arrive (a guard against a hang, not a timing assertion).</summary>
    public async Task<ReceivedPost> NextAsync() =>
        await _arrivals.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = string.Join('\n', context.Request.Headers.Select(h => $"{h.Key}: {h.Value}"));
        var status = _answers.TryDequeue(out var answer) ? answer : StatusCodes.Status200OK;
        var post = new ReceivedPost(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body, status);
        lock (_posts)
        {
            _posts.Add(post);
        }

        _arrivals.Writer.TryWrite(post);
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status == 200 ? "ok" : "no_service", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
