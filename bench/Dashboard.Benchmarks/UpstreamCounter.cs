using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Vital.Introspection;

namespace Dashboard.Benchmarks;

/// <summary>
/// Counts every attempt the dashboard's upstream client sends (retries included), by the <c>provider</c> filter
/// it carried: a per-provider scan's requests all have one, the discovery walk's and a user's never do.
/// </summary>
internal sealed class UpstreamCounter
{
    private readonly ConcurrentDictionary<string, int> _byProvider = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _byWalk = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentQueue<(string Provider, bool Continued, long Ticks)> _times = new();
    private readonly ConcurrentDictionary<string, (int Count, double Milliseconds)> _answers = new(StringComparer.Ordinal);
    private int _total;

    public int Total => Volatile.Read(ref _total);

    /// <summary>
    /// The mean time a walk's answered requests took until the answer's headers came (every attempt that got an answer,
    /// whatever its status; a dropped connection is not timed; the body's transfer and parsing are the client's), in ms:
    /// what the upstream really took, against the latency the floor assumes.
    /// </summary>
    public double? AnswerMilliseconds(string walk) => _answers.TryGetValue(walk, out var a) && a.Count > 0 ? a.Milliseconds / a.Count : null;

    /// <summary>Requests per provider filter ("" for none).</summary>
    public IReadOnlyDictionary<string, int> ByProvider => _byProvider;

    /// <summary>
    /// Requests per walk of a provider filter: "pulls provider" or "ongoing provider" (a per-provider scan walks each
    /// provider's pulls and its ongoing data as two cursor walks).
    /// </summary>
    public IReadOnlyDictionary<string, int> ByWalk => _byWalk;

    public int WithProvider => _byProvider.Where(p => p.Key.Length > 0).Sum(p => p.Value);

    /// <summary>
    /// A per-provider scan's requests: every one with a provider, and those without one sent before the last of
    /// them (the first scan's one-page sample); the discovery walk that follows a scan starts only after it.
    /// </summary>
    public int PerProviderScan
    {
        get
        {
            var order = _order.ToArray();
            var last = Array.FindLastIndex(order, provider => provider.Length > 0);
            return order.Take(last + 1).Count();
        }
    }

    /// <summary>Requests without a provider that a per-provider scan sent (its sample).</summary>
    public int Unfiltered => _order.ToArray() is var order ? order.Take(Array.FindLastIndex(order, p => p.Length > 0) + 1).Count(p => p.Length == 0) : 0;

    public static Action<IServiceCollection> Install(UpstreamCounter counter) => services =>
        services.AddHttpClient(VitalIntrospectionServiceCollectionExtensions.HttpClientName)
            .AddHttpMessageHandler(() => new Handler(counter));

    /// <summary>Counts one attempt; its walk ("pulls oura", "ongoing oura"), or null for a request without a provider.</summary>
    private string? Count(HttpRequestMessage request)
    {
        Interlocked.Increment(ref _total);
        var provider = ProviderOf(request.RequestUri);
        _byProvider.AddOrUpdate(provider, 1, (_, n) => n + 1);
        string? walk = null;
        if (provider.Length > 0)
        {
            walk = (request.RequestUri?.AbsolutePath.EndsWith("/resources", StringComparison.Ordinal) == true ? "ongoing " : "pulls ") + provider;
            _byWalk.AddOrUpdate(walk, 1, (_, n) => n + 1);
        }

        _order.Enqueue(provider);
        _times.Enqueue((provider, request.RequestUri?.Query.Contains("next_cursor", StringComparison.Ordinal) == true, System.Diagnostics.Stopwatch.GetTimestamp()));
        return walk;
    }

    /// <summary>When each walk started and when its last page was asked for, in ms since the first request.</summary>
    public IEnumerable<(string Provider, double Start, double Last, int Pages)> Walks()
    {
        var all = _times.ToArray();
        if (all.Length == 0)
        {
            return [];
        }

        var t0 = all[0].Ticks;
        return all.GroupBy(t => t.Provider).Select(g => (g.Key,
            System.Diagnostics.Stopwatch.GetElapsedTime(t0, g.Min(x => x.Ticks)).TotalMilliseconds,
            System.Diagnostics.Stopwatch.GetElapsedTime(t0, g.Max(x => x.Ticks)).TotalMilliseconds, g.Count()));
    }

    private void Answered(string walk, long sent)
    {
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        _answers.AddOrUpdate(walk, (1, elapsed), (_, a) => (a.Count + 1, a.Milliseconds + elapsed));
    }

    private static string ProviderOf(Uri? uri)
    {
        foreach (var part in (uri?.Query ?? string.Empty).TrimStart('?').Split('&'))
        {
            if (part.StartsWith("provider=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(part["provider=".Length..]);
            }
        }

        return string.Empty;
    }

    /// <summary>One per handler chain the client factory builds (a handler instance cannot be shared).</summary>
    private sealed class Handler(UpstreamCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var walk = counter.Count(request);
            var sent = System.Diagnostics.Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (walk is not null)
            {
                counter.Answered(walk, sent);
            }

            return response;
        }
    }
}
