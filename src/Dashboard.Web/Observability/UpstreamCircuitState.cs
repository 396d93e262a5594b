using Polly.Telemetry;
using Vital.Introspection;

namespace Dashboard.Web.Observability;

/// <summary>
/// The state of the upstream client's circuit breaker, read from Polly's own telemetry events (opened, half-opened,
/// closed), so the resilience pipeline stays as <c>Vital.Introspection</c> builds it.
/// </summary>
internal sealed class UpstreamCircuitState : TelemetryListener
{
    public const string Closed = "closed";
    public const string Open = "open";
    public const string HalfOpen = "half_open";

    public static IReadOnlyList<string> All { get; } = [Closed, Open, HalfOpen];

    private string _state = Closed;

    public string Current => Volatile.Read(ref _state);

    public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
    {
        if (args.Source.PipelineName?.StartsWith(VitalIntrospectionServiceCollectionExtensions.HttpClientName, StringComparison.Ordinal) != true)
        {
            return;
        }

        var next = args.Event.EventName switch
        {
            "OnCircuitOpened" => Open,
            "OnCircuitHalfOpened" => HalfOpen,
            "OnCircuitClosed" => Closed,
            _ => null,
        };
        if (next is not null)
        {
            Volatile.Write(ref _state, next);
        }
    }
}
