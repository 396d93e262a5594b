using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Vital.Introspection;

/// <summary>The client's instruments, on the dashboard's meter (<see cref="VitalTelemetry.Name"/>).</summary>
internal sealed class UpstreamMetrics
{
    /// <summary>From a quick cached answer to a call that spent its whole time-out retrying.</summary>
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Histogram<double> _duration;

    public UpstreamMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(VitalTelemetry.Name);
        _duration = meter.CreateHistogram(
            VitalTelemetry.RequestDuration,
            unit: "s",
            description: "Calls to Vital (retries included) by endpoint template, final status code and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
    }

    public void Record(TimeSpan elapsed, UpstreamEndpoint endpoint, HttpMethod method, int? statusCode, string outcome, string? errorType)
    {
        var tags = new TagList
        {
            { VitalTelemetry.EndpointAttribute, endpoint.Name },
            { "http.request.method", method.Method },
            { VitalTelemetry.OutcomeAttribute, outcome },
        };
        if (statusCode is { } status)
        {
            tags.Add("http.response.status_code", status);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
