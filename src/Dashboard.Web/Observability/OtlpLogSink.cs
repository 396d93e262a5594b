using OpenTelemetry;
using Serilog;
using Serilog.Core;

namespace Dashboard.Web.Observability;

/// <summary>
/// Serilog's OTLP sink, for logs to the same collector as the metrics and traces (docs/decisions/0012). Registered
/// as an <see cref="ILogEventSink"/>, which the logging setup puts behind its secret masking like every other sink.
/// It reads the standard <c>OTEL_EXPORTER_OTLP_*</c>, <c>OTEL_SERVICE_NAME</c> and <c>OTEL_RESOURCE_ATTRIBUTES</c>
/// variables from configuration, so environment variables, settings files and tests all reach it the same way.
/// </summary>
internal static class OtlpLogSink
{
    public static Logger Create(IConfiguration configuration) =>
        new LoggerConfiguration()
            .MinimumLevel.Verbose() // The dashboard's logger has already applied the levels.
            .WriteTo.OpenTelemetry(
                options =>
                {
                    options.ResourceAttributes = new Dictionary<string, object> { ["service.name"] = DashboardTelemetry.DefaultServiceName };

                    // The sink's own HTTP or gRPC calls are not traced: each export would otherwise make a span to export.
                    options.OnBeginSuppressInstrumentation = SuppressInstrumentationScope.Begin;
                },
                name => configuration[name])
            .CreateLogger();
}
