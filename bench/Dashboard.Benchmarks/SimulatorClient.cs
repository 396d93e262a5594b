using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Benchmarks;

/// <summary>The simulator host's control API: how many upstream requests were answered, and which.</summary>
internal sealed class SimulatorClient(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };

    public async Task<SimulatorStats> StatsAsync() =>
        (await _http.GetFromJsonAsync<SimulatorStats>("_simulator/stats").ConfigureAwait(false))!;

    public async Task<IReadOnlyDictionary<string, string>> ScenariosAsync() =>
        (await _http.GetFromJsonAsync<Dictionary<string, string>>("_simulator/scenarios").ConfigureAwait(false))!;

    /// <summary>Waits until no request arrived for <paramref name="quiet"/> (a background walk ended), at most <paramref name="limit"/>.</summary>
    public async Task<long> WaitForQuietAsync(TimeSpan quiet, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var last = (await StatsAsync().ConfigureAwait(false)).RequestCount;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(quiet).ConfigureAwait(false);
            var now = (await StatsAsync().ConfigureAwait(false)).RequestCount;
            if (now == last)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record SimulatorStats(
    [property: JsonPropertyName("requestCount")] long RequestCount,
    [property: JsonPropertyName("recentRequestQueries")] IReadOnlyList<string> RecentRequestQueries);
