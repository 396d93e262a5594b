using System.Diagnostics;

namespace Vital.Introspection;

/// <summary>
/// What the client's spans and measurements are published under. The dashboard has one meter and one activity source
/// for everything it measures itself, this client included, so an operator turns on one name.
/// </summary>
public static class VitalTelemetry
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "Dashboard";

    /// <summary>Every call to Vital (retries included): seconds, by endpoint template, final status code and outcome.</summary>
    public const string RequestDuration = "dashboard.upstream.request.duration";

    /// <summary>Span and metric attribute: the endpoint's template name (<see cref="UpstreamEndpoint.Name"/>).</summary>
    public const string EndpointAttribute = "endpoint";

    /// <summary>Span and metric attribute: how the call ended (<see cref="UpstreamOutcome"/>).</summary>
    public const string OutcomeAttribute = "outcome";

    /// <summary>Span and metric attribute: the endpoint's path template (<see cref="UpstreamEndpoint.PathTemplate"/>).</summary>
    public const string UrlTemplateAttribute = "url.template";

    /// <summary>Listeners decide whether a span is recorded; one source for the process, as for any library.</summary>
    internal static ActivitySource ActivitySource { get; } = new(Name);
}
