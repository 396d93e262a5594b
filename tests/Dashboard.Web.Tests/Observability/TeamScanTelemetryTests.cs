using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Observability;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Dashboard.Web.Tests.Observability;

/// <summary>A team scan is one span, a root with its upstream calls as children, and one duration with its outcome.</summary>
public sealed class TeamScanTelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TeamScan_StartedByARequest_IsARootSpanWithItsUpstreamCallsAsChildren()
    {
        var spans = new CapturedSpans();
        await using var factory = new DashboardFactory(services: spans.AddTo);

        using var csv = await spans.CreateClient(factory).GetAsync("/api/users.csv", Ct);

        csv.EnsureSuccessStatusCode();
        // The request's own span ends (and is exported) only after its response has gone: wait for it as well.
        var all = await spans.WaitAsync(
            s => s.Any(a => a.DisplayName == TeamScanTelemetry.SpanName) && s.Any(a => a.Kind == ActivityKind.Server && a.DisplayName == "GET /api/users.csv"),
            Ct);
        var scan = all.First(a => a.DisplayName == TeamScanTelemetry.SpanName);
        Assert.Equal(default, scan.ParentSpanId);
        Assert.Equal(TeamScanResult.Completed, scan.GetTagItem("outcome"));
        Assert.True((int)scan.GetTagItem("scan.users")! > 0);
        var pages = (int)scan.GetTagItem("scan.pages")!;
        // Every page the scan read (historical pulls, then the ongoing data) is a call under it.
        var calls = all.Where(a => a.ParentSpanId == scan.SpanId && a.DisplayName.StartsWith("vital ", StringComparison.Ordinal)).ToList();
        Assert.True(calls.Count >= pages, $"{calls.Count} calls under the scan, {pages} pages");
        Assert.Contains(calls, a => a.DisplayName == "vital historical_pull");

        // Linked to the request that asked for it, which it outlives.
        var request = all.Single(a => a.Kind == ActivityKind.Server && a.DisplayName == "GET /api/users.csv");
        Assert.Contains(scan.Links, l => l.Context.SpanId == request.SpanId);
        Assert.NotEqual(request.TraceId, scan.TraceId);
    }

    [Fact]
    public async Task TeamScan_Completed_RecordsItsDuration()
    {
        await using var factory = new DashboardFactory();
        using var durations = new MetricCollector<double>(factory.Services.GetRequiredService<IMeterFactory>(), DashboardTelemetry.Name, DashboardTelemetry.ScanDuration);

        var snapshot = await factory.Services.GetRequiredService<ITeamSnapshots>().WhenCompleteAsync(Ct);

        var measured = await WaitForAsync(durations);
        Assert.Equal(TeamScanResult.Completed, measured.Tags["outcome"]);
        Assert.False(measured.Tags.ContainsKey("error.type"));
        Assert.Equal((snapshot.CompletedAt!.Value - snapshot.StartedAt).TotalSeconds, measured.Value, 3);
    }

    [Fact]
    public async Task TeamScan_StoppedByTheUpstream_IsAnErrorSpanAndAFailedDuration()
    {
        var spans = new CapturedSpans();
        var upstream = new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.Unauthorized, """{"detail":"Invalid API key"}"""));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream, spans.AddTo);
        using var durations = new MetricCollector<double>(factory.Services.GetRequiredService<IMeterFactory>(), DashboardTelemetry.Name, DashboardTelemetry.ScanDuration);

        TeamSnapshot snapshot;
        using (spans.StartTrigger())
        {
            snapshot = await factory.Services.GetRequiredService<ITeamSnapshots>().WhenCompleteAsync(Ct);
        }

        Assert.NotNull(snapshot.Error);
        var all = await spans.WaitAsync(s => s.Any(a => a.DisplayName == TeamScanTelemetry.SpanName), Ct);
        var scan = all.Single(a => a.DisplayName == TeamScanTelemetry.SpanName);
        Assert.Equal(ActivityStatusCode.Error, scan.Status);
        Assert.Equal(TeamScanResult.Failed, scan.GetTagItem("outcome"));
        Assert.Equal("Unauthorized", scan.GetTagItem("error.type"));
        var measured = await WaitForAsync(durations);
        Assert.Equal(TeamScanResult.Failed, measured.Tags["outcome"]);
        Assert.Equal("Unauthorized", measured.Tags["error.type"]);
    }

    [Fact]
    public async Task TeamScan_OfAnotherHost_IsNotRecordedHere()
    {
        await using var one = new DashboardFactory();
        await using var other = new DashboardFactory();
        using var durations = new MetricCollector<double>(one.Services.GetRequiredService<IMeterFactory>(), DashboardTelemetry.Name, DashboardTelemetry.ScanDuration);
        _ = one.Services.GetRequiredService<ITeamSnapshots>();

        await other.Services.GetRequiredService<ITeamSnapshots>().WhenCompleteAsync(Ct);
        await Task.Delay(200, Ct);

        Assert.Empty(durations.GetMeasurementSnapshot());
    }

    /// <summary>The duration is recorded as the scan's task ends, a moment after the snapshot is published.</summary>
    private static async Task<CollectedMeasurement<double>> WaitForAsync(MetricCollector<double> durations)
    {
        await durations.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(10));
        return Assert.Single(durations.GetMeasurementSnapshot());
    }
}
