using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Vital.Introspection.Tests.Support;

/// <summary>A canned upstream: answers from a queue (the last answer repeats) and records every request.</summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _answers = new();
    private Func<HttpRequestMessage, HttpResponseMessage>? _last;

    public List<RecordedRequest> Requests { get; } = [];

    public StubHandler Then(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public StubHandler ThenJson(string json, HttpStatusCode status = HttpStatusCode.OK) => Then(_ => Json(json, status));

    public StubHandler ThenStatus(HttpStatusCode status, string body = "", string mediaType = "application/json", TimeSpan? retryAfter = null) =>
        Then(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            if (retryAfter is { } delay)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
            }

            return response;
        });

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(
                request.Method,
                request.RequestUri!,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
        }

        if (_answers.TryDequeue(out var answer))
        {
            _last = answer;
        }

        var respond = _last ?? throw new InvalidOperationException("The stub has no answer queued.");
        return Task.FromResult(respond(request));
    }
}

public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers)
{
    public IReadOnlyDictionary<string, string> Query { get; } = ParseQuery(Uri);

    private static Dictionary<string, string> ParseQuery(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty);
}
