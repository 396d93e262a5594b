using System.Diagnostics.Metrics;
using Dashboard.Web.Observability;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Observability;

/// <summary>The shared cache's hits and misses by cache name, and connections counted from fresh answers only.</summary>
public sealed class CacheMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Diagnosis_AskedTwice_MissesEachSourceThenHitsIt()
    {
        await using var dashboard = new DemoDashboard();
        using var lookups = Collector<long>(dashboard, DashboardTelemetry.CacheRequests);
        var userId = dashboard.UserOf(ScenarioNames.Healthy);

        await GetAsync(dashboard, $"/api/users/{userId}/diagnosis");
        var first = Lookups(lookups);
        lookups.Clear();
        await GetAsync(dashboard, $"/api/users/{userId}/diagnosis");
        var second = Lookups(lookups);

        string[] caches = ["vital_connections/miss", "vital_profile/miss", "vital_resources/miss", "vital_user/miss"];
        Assert.Equal(caches, first);
        Assert.Equal(caches.Select(c => c.Replace("miss", "hit", StringComparison.Ordinal)), second);
    }

    [Fact]
    public async Task Connections_SeenInAFreshAnswer_AreCountedOnceByProviderAndStatus()
    {
        await using var dashboard = new DemoDashboard();
        using var connections = Collector<long>(dashboard, DashboardTelemetry.UpstreamConnections);
        var userId = dashboard.UserOf(ScenarioNames.RevokedToken);

        await GetAsync(dashboard, $"/api/users/{userId}/diagnosis");
        var fresh = connections.GetMeasurementSnapshot();
        await GetAsync(dashboard, $"/api/users/{userId}/diagnosis");

        Assert.Contains(fresh, m => (string?)m.Tags["status"] == "error");
        Assert.All(fresh, m => Assert.Equal(["provider", "status"], m.Tags.Keys.Order()));
        Assert.Equal(fresh.Count, connections.GetMeasurementSnapshot().Count); // the cached answer is not counted again
    }

    private static MetricCollector<T> Collector<T>(DemoDashboard dashboard, string instrument)
        where T : struct =>
        new(dashboard.Factory.Services.GetRequiredService<IMeterFactory>(), DashboardTelemetry.Name, instrument);

    private static List<string> Lookups(MetricCollector<long> lookups) =>
        [.. lookups.GetMeasurementSnapshot().Select(m => $"{m.Tags["cache"]}/{m.Tags["result"]}").Order()];

    private static async Task GetAsync(DemoDashboard dashboard, string path)
    {
        using var response = await dashboard.Client.GetAsync(path, Ct);
        response.EnsureSuccessStatusCode();
    }
}
