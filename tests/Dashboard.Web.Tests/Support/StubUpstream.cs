using System.Net;
using System.Text;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// An upstream stand-in for live mode whose answer a test sets (and may change between requests). Counts every
/// attempt that reaches it, retries included, and keeps each request's URI. The answer a test sets is the historical
/// pulls' (the team listing and one user's); the user, connections and resources endpoints answer through
/// <see cref="AnswerOthers"/>, by default a user Vital knows with <see cref="ConnectedProviders"/> connected and no
/// ongoing data; the customer's-own-id lookup finds nobody.
/// </summary>
public sealed class StubUpstream : HttpMessageHandler
{
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _others;
    private int _calls;

    public StubUpstream(Func<HttpRequestMessage, HttpResponseMessage> answer) => _answer = (request, _) => Task.FromResult(answer(request));

    public StubUpstream(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

    public int Calls => Volatile.Read(ref _calls);

    public List<Uri> RequestUris { get; } = [];

    /// <summary>How many requests went to the historical-pull introspection (the source whose trouble the diagnosis endpoints answer).</summary>
    public int PullCalls
    {
        get
        {
            lock (RequestUris)
            {
                return RequestUris.Count(u => u.AbsolutePath.EndsWith("/v2/introspect/historical_pull", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>The <c>x-vital-api-key</c> the last request carried, to prove the key was sent (and so could leak).</summary>
    public string? LastApiKey { get; private set; }

    /// <summary>The providers the default user and connections list as connected.</summary>
    public string[] ConnectedProviders { get; set; } = ["oura"];

    /// <summary>Answers the historical pulls from now on with <paramref name="answer"/>.</summary>
    public void Answer(Func<HttpRequestMessage, HttpResponseMessage> answer) => Volatile.Write(ref _answer, (request, _) => Task.FromResult(answer(request)));

    public void Answer(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => Volatile.Write(ref _answer, answer);

    /// <summary>Answers the other endpoints (user, connections, resources, lookup, refresh) from now on with <paramref name="answer"/>; null: the defaults.</summary>
    public void AnswerOthers(Func<HttpRequestMessage, HttpResponseMessage>? answer) =>
        Volatile.Write(ref _others, answer is null ? null : (request, _) => Task.FromResult(answer(request)));

    /// <summary>Answers every endpoint from now on with <paramref name="answer"/> (an outage, a proxy in the way).</summary>
    public void AnswerEverything(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        Answer(answer);
        AnswerOthers(answer);
    }

    /// <summary>Whether a request is for the historical-pull introspection.</summary>
    public static bool IsPulls(HttpRequestMessage request) =>
        request.RequestUri!.AbsolutePath.EndsWith("/v2/introspect/historical_pull", StringComparison.Ordinal);

    /// <summary>The documented defaults for the endpoints other than the historical pulls.</summary>
    public HttpResponseMessage DefaultOther(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var last = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
        if (path.Contains("/v2/user/resolve/", StringComparison.Ordinal))
        {
            return Respond(HttpStatusCode.NotFound, """{"detail":"User not found"}""");
        }

        if (path.Contains("/v2/user/providers/", StringComparison.Ordinal))
        {
            return Respond(HttpStatusCode.OK, UpstreamJson.Connections(ConnectedProviders));
        }

        if (path.Contains("/v2/user/refresh/", StringComparison.Ordinal))
        {
            return Respond(HttpStatusCode.OK, $$"""{"success":true,"user_id":"{{last}}","refreshed":[],"failed":[],"in_progress":[]}""");
        }

        if (path.Contains("/v2/user/", StringComparison.Ordinal))
        {
            return Respond(HttpStatusCode.OK, UpstreamJson.VitalUser(last, ConnectedProviders));
        }

        return path.EndsWith("/v2/introspect/resources", StringComparison.Ordinal)
            ? Respond(HttpStatusCode.OK, UpstreamJson.NoResources())
            : Respond(HttpStatusCode.NotFound, """{"detail":"Not Found"}""");
    }

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

        if (IsPulls(request))
        {
            return Volatile.Read(ref _answer)(request, cancellationToken);
        }

        return Volatile.Read(ref _others) is { } others ? others(request, cancellationToken) : Task.FromResult(DefaultOther(request));
    }
}
