using System.Net;
using System.Text;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Logging;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Observability;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, metrics, traces and logs go out over OTLP (here OTLP/HTTP to a fake
/// collector on loopback); the logs pass the secret masking like every other sink; traces and metrics name no user.
/// </summary>
public sealed class OtlpExportTests
{
    private const string UserId = "7aec8422-8174-4464-a4b2-b04c5939be0d";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Otlp_EndpointSet_ExportsAllThreeSignalsWithoutIdsInTracesAndMetricsOrTheKeyAnywhere()
    {
        await using var collector = await FakeOtlpCollector.StartAsync(Ct);
        var upstream = new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.Page()));
        var factory = new DashboardFactory(
            LiveDashboard.Settings(new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.AbsoluteUri.TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "dashboard-under-test",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            }),
            upstream);
        await using (factory)
        {
            using var response = await factory.CreateClient().GetAsync($"/api/users/{UserId}/diagnosis", Ct);
            response.EnsureSuccessStatusCode();

            // Traces go in batches every 100 ms and metrics every 500 ms while the host runs; wait for both rather
            // than count on the flush at shutdown racing a busy machine.
            await collector.WaitAsync(c => c.Bodies("/v1/traces").Any(b => Contains(b, "vital historical_pull"))
                && c.Bodies("/v1/metrics").Any(b => Contains(b, VitalTelemetry.RequestDuration)), Ct);

            // A careless line with the key in it: the masking in front of every sink must catch it on the way out too.
            factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Tests")
                .LogWarning("Calling Vital with {Header} {Key} for the OTLP test", VitalIntrospectionClient.ApiKeyHeader, LiveDashboard.ApiKey);
            foreach (var sink in factory.Services.GetServices<Serilog.Core.ILogEventSink>()) { ((IDisposable)sink).Dispose(); }
        }

        // Disposing the host flushed every exporter.
        var traces = collector.Bodies("/v1/traces");
        var metrics = collector.Bodies("/v1/metrics");
        var logs = collector.Bodies("/v1/logs");
        Assert.NotEmpty(traces);
        Assert.NotEmpty(metrics);
        Assert.NotEmpty(logs);
        Assert.All(collector.Exports, e => Assert.Equal("application/x-protobuf", e.ContentType));

        Assert.Contains(traces, b => Contains(b, "vital historical_pull"));
        Assert.Contains(metrics, b => Contains(b, VitalTelemetry.RequestDuration));
        Assert.Contains(logs, b => Contains(b, "for the OTLP test") && Contains(b, Dashboard.Web.Security.SecretMasker.Mask));
        Assert.All(traces.Concat(metrics).Concat(logs), b => Assert.True(Contains(b, "dashboard-under-test"), "service.name from OTEL_SERVICE_NAME"));

        Assert.DoesNotContain(traces.Concat(metrics), b => Contains(b, UserId));
        Assert.DoesNotContain(collector.Exports, e => Contains(e.Body, LiveDashboard.ApiKey));
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
