using System.Net;
using System.Text;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// An upstream stand-in for live mode whose answer a test sets (and may change between requests). Counts every
/// attempt that reaches it, retries included, and keeps each request's URI.
/// </summary>
public sealed class StubUpstream : HttpMessageHandler
{
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;
    private int _calls;

    public StubUpstream(Func<HttpRequestMessage, HttpResponseMessage> answer) => _answer = (request, _) => Task.FromResult(answer(request));

    public StubUpstream(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

    public int Calls => Volatile.Read(ref _calls);

    public List<Uri> RequestUris { get; } = [];

    /// <summary>The <c>x-vital-api-key</c> the last request carried, to prove the key was sent (and so could leak).</summary>
    public string? LastApiKey { get; private set; }

    /// <summary>Answers every request from now on with <paramref name="answer"/>.</summary>
    public void Answer(Func<HttpRequestMessage, HttpResponseMessage> answer) => Volatile.Write(ref _answer, (request, _) => Task.FromResult(answer(request)));

    public void Answer(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => Volatile.Write(ref _answer, answer);

    /// <summary>A body with a content type, such as the documented JSON or a proxy's HTML page.</summary>
    public static HttpResponseMessage Respond(HttpStatusCode status, string body, string contentType = "application/json") => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, contentType),
    };

    /// <summary>
    /// The team <paramref name="pageJson"/> holds, answered as the upstream does: a <c>provider</c> filter keeps
    /// only that provider's entries and the users who have it (the dashboard scans per provider).
    /// </summary>
    public static HttpResponseMessage Team(HttpRequestMessage request, string pageJson)
    {
        var provider = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["provider"];
        if (provider is null)
        {
            return Respond(HttpStatusCode.OK, pageJson);
        }

        var page = System.Text.Json.Nodes.JsonNode.Parse(pageJson)!.AsObject();
        var kept = new System.Text.Json.Nodes.JsonArray();
        foreach (var user in page["data"]!.AsArray().ToList())
        {
            var providers = user!["provider"]!.AsObject();
            if (providers[provider] is { } entry)
            {
                kept.Add(new System.Text.Json.Nodes.JsonObject
                {
                    ["user_id"] = user["user_id"]!.DeepClone(),
                    ["provider"] = new System.Text.Json.Nodes.JsonObject { [provider] = entry.DeepClone() },
                });
            }
        }

        page["data"] = kept;
        return Respond(HttpStatusCode.OK, page.ToJsonString());
    }

    /// <summary>An upstream that accepts the request and never answers (until the caller gives up).</summary>
    public static async Task<HttpResponseMessage> NeverAnswers(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("Unreachable: the delay only ends by cancellation.");
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (RequestUris)
        {
            RequestUris.Add(request.RequestUri!);
            LastApiKey = request.Headers.TryGetValues("x-vital-api-key", out var keys) ? keys.Single() : null;
        }

        return Volatile.Read(ref _answer)(request, cancellationToken);
    }
}
