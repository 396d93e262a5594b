using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>The simulator's control API (<c>/_simulator/…</c>): scenario users, fault bursts, changed pulls, request log.</summary>
public sealed class SimulatorControl(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    private IReadOnlyDictionary<string, string> _scenarios = new Dictionary<string, string>();

    /// <summary>The user id of a scenario (<c>healthy</c>, <c>in_progress_recent</c>, <c>failed_provider_unavailable</c>…).</summary>
    public string User(string scenario) =>
        _scenarios.TryGetValue(scenario, out var id) ? id : throw new KeyNotFoundException($"The simulator has no scenario '{scenario}'.");

    internal async Task LoadScenariosAsync(CancellationToken cancellationToken) =>
        _scenarios = await _http.GetFromJsonAsync<Dictionary<string, string>>("/_simulator/scenarios", cancellationToken)
            ?? throw new InvalidOperationException("The simulator listed no scenarios.");

    /// <summary>Replaces the faults, e.g. <c>new { unavailableRate = 1 }</c>: every upstream call answers 503.</summary>
    public async Task SetFaultsAsync(object faults, CancellationToken cancellationToken)
    {
        using var response = await _http.PutAsJsonAsync("/_simulator/faults", faults, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(new Uri("/_simulator/faults", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Changes one pull upstream; <paramref name="change"/> is snake_case, e.g. <c>{ status = "success", days_with_data = 90 }</c>.</summary>
    public async Task SetPullAsync(string userId, string provider, string resource, object change, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync($"/_simulator/users/{userId}/pulls/{provider}/{resource}", change, cancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Undoes every pull change.</summary>
    public async Task ClearPullsAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(new Uri("/_simulator/pulls", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The query strings of the latest upstream requests the simulator served.</summary>
    public async Task<IReadOnlyList<string>> RecentRequestQueriesAsync(CancellationToken cancellationToken)
    {
        using var stats = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/_simulator/stats", UriKind.Relative), cancellationToken));
        return [.. stats.RootElement.GetProperty("recentRequestQueries").EnumerateArray().Select(q => q.GetString() ?? string.Empty)];
    }

    public void Dispose() => _http.Dispose();
}
