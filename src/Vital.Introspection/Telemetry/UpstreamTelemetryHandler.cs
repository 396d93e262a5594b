using System.Diagnostics;

namespace Vital.Introspection;

/// <summary>
/// One span and one measurement per call to Vital, named by the endpoint's template (<see cref="UpstreamEndpoint"/>)
/// and never by its path, query or headers (the key travels in a header). It sits outside the resilience handler, so
/// a call's time includes its retries; each attempt is the HttpClient instrumentation's own child span.
/// </summary>
internal sealed class UpstreamTelemetryHandler(UpstreamMetrics metrics, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = UpstreamEndpoint.Of(request.RequestUri);
        using var activity = VitalTelemetry.ActivitySource.StartActivity("vital " + endpoint.Name, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(VitalTelemetry.EndpointAttribute, endpoint.Name);
            activity.SetTag(VitalTelemetry.UrlTemplateAttribute, endpoint.PathTemplate);
            activity.SetTag("http.request.method", request.Method.Method);
            activity.SetTag("server.address", request.RequestUri?.IsAbsoluteUri == true ? request.RequestUri.Host : null);
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var outcome = UpstreamOutcome.Of(response);
            Finish(activity, started, endpoint, request.Method, status, outcome, status >= 400 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            return response;
        }
        catch (Exception ex)
        {
            Finish(activity, started, endpoint, request.Method, null, UpstreamOutcome.Of(ex, cancellationToken), ex.GetType().FullName);
            throw;
        }
    }

    private void Finish(Activity? activity, long started, UpstreamEndpoint endpoint, HttpMethod method, int? status, string outcome, string? errorType)
    {
        metrics.Record(timeProvider.GetElapsedTime(started), endpoint, method, status, outcome, errorType);
        if (activity is null)
        {
            return;
        }

        activity.SetTag(VitalTelemetry.OutcomeAttribute, outcome);
        activity.SetTag("http.response.status_code", status);
        activity.SetTag("error.type", errorType);
        if (UpstreamOutcome.IsFailure(outcome))
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }
}
