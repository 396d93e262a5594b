using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Polly.Telemetry;
using Serilog.Core;

namespace Dashboard.Web.Observability;

/// <summary>
/// OpenTelemetry for the dashboard: its metrics (and the framework's) on <c>/metrics</c> for Prometheus when
/// <c>Metrics:Enabled</c>; metrics, traces and logs over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static partial class TelemetrySetup
{
    /// <summary>The Prometheus scrape route (fixed: ../shared/design/ARCHITECTURE.md).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The label sets a metric stream holds before it reports the rest as overflow (the SDK's default is 2,000).</summary>
    internal const int LabelSetsPerStream = 500;

    /// <summary>The standard variable that turns on OTLP export of all three signals.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard variable that names the service in every signal (default <see cref="DashboardTelemetry.DefaultServiceName"/>).</summary>
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>Call after the dashboard's services: it wraps the shared cache they registered.</summary>
    public static WebApplicationBuilder AddDashboardTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var prometheus = MetricsOptions.IsEnabled(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);

        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<MetricsAccess>();

        services.AddSingleton<UpstreamCircuitState>();
        services.AddOptions<TelemetryOptions>().Configure<UpstreamCircuitState>((options, circuit) => options.TelemetryListeners.Add(circuit));
        services.AddSingleton<DashboardMetrics>();
        services.AddSingleton<HistoryMetrics>();
        DecorateHybridCache(services);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // Set here, the name would win over OTEL_SERVICE_NAME, which the SDK reads itself.
                if (string.IsNullOrWhiteSpace(configuration[ServiceNameVariable]))
                {
                    resource.AddService(DashboardTelemetry.DefaultServiceName);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DashboardTelemetry.Name)
                    .AddMeter([.. DashboardTelemetry.OtherMeters])
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    // Created with the meter provider, so the observed instruments exist before anything is measured.
                    .AddInstrumentation(sp => sp.GetRequiredService<DashboardMetrics>())
                    .AddInstrumentation(sp => sp.GetRequiredService<HistoryMetrics>())
                    // The SDK makes room for 2,000 label sets in every stream up front (some 12 MB over the ~85 streams);
                    // no label here comes from an open set (no user, client or key), so a quarter of that is ample. A
                    // stream that ever outgrows it reports the rest under otel.metric.overflow=true.
                    .AddView(static _ => new MetricStreamConfiguration { CardinalityLimit = LabelSetsPerStream });
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing => tracing
                .AddSource(DashboardTelemetry.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsQuiet(context.Request.Path))
                .AddHttpClientInstrumentation()
                // Before any exporter, so none sees a concrete path.
                .AddProcessor(new TraceRedactionProcessor()));

        if (otlp)
        {
            // Metrics and traces; the logs go through Serilog (below), the logging provider this registers is unused.
            telemetry.UseOtlpExporter();
            services.AddSingleton<ILogEventSink>(_ => OtlpLogSink.Create(configuration));
        }

        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus's text format when <c>Metrics:Enabled</c>, for the addresses in
    /// <c>Metrics:AllowedNetworks</c> only (anyone in demo mode when none are listed); everyone else gets 404.
    /// Anonymous (Prometheus does not sign in), left out of the HTTP metrics, the traces and the request log's noise.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardMetrics(this IEndpointRouteBuilder endpoints)
    {
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelemetrySetup));
        if (!MetricsOptions.IsEnabled(configuration))
        {
            LogMetricsOff(logger);
            return endpoints;
        }

        var access = endpoints.ServiceProvider.GetRequiredService<MetricsAccess>();
        LogMetricsOn(logger, MetricsPath, access.Description);
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
            {
                if (!access.Allows(context.Connection.RemoteIpAddress))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            }), optionsName: null)
            .AllowAnonymous()
            .DisableHttpMetrics();
        return endpoints;
    }

    private static bool IsQuiet(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    /// <summary>Replaces the registered <see cref="HybridCache"/> with itself wrapped in <see cref="MeteredHybridCache"/>.</summary>
    private static void DecorateHybridCache(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(HybridCache))
            ?? throw new InvalidOperationException("AddDashboardTelemetry must come after the dashboard's services: no HybridCache is registered yet.");
        services.Remove(registered);
        services.AddSingleton<HybridCache>(sp => new MeteredHybridCache(Create(sp, registered), sp.GetRequiredService<DashboardMetrics>()));

        static HybridCache Create(IServiceProvider sp, ServiceDescriptor descriptor) =>
            (HybridCache)(descriptor.ImplementationInstance
                ?? descriptor.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Metrics: {Path} in Prometheus format for {Allowed}")]
    private static partial void LogMetricsOn(ILogger logger, string path, string allowed);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Metrics: /metrics is off (Metrics:Enabled); OTLP export follows OTEL_EXPORTER_OTLP_ENDPOINT")]
    private static partial void LogMetricsOff(ILogger logger);
}
