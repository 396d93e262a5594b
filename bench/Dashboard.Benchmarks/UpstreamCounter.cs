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
    private int _total;

    public int Total => Volatile.Read(ref _total);

    /// <summary>Requests per provider filter ("" for none).</summary>
    public IReadOnlyDictionary<string, int> ByProvider => _byProvider;

    public int WithProvider => _byProvider.Where(p => p.Key.Length > 0).Sum(p => p.Value);

    public static Action<IServiceCollection> Install(UpstreamCounter counter) => services =>
        services.AddHttpClient(VitalIntrospectionServiceCollectionExtensions.HttpClientName)
            .AddHttpMessageHandler(() => new Handler(counter));

    private void Count(HttpRequestMessage request)
    {
        Interlocked.Increment(ref _total);
        _byProvider.AddOrUpdate(ProviderOf(request.RequestUri), 1, (_, n) => n + 1);
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
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Count(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
