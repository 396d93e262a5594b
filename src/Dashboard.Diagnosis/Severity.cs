using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

/// <summary>
/// How urgent a finding is, from <see cref="Ok"/> (nothing to do) to <see cref="Critical"/> (data will not arrive
/// without someone acting). The order of the members is the order of urgency, so <c>Max()</c> gives the worst.
/// Serialized lower-case (<c>"ok"</c>, <c>"info"</c>, <c>"warning"</c>, <c>"critical"</c>) whatever the serializer options.
/// </summary>
[JsonConverter(typeof(SeverityJsonConverter))]
public enum Severity
{
    /// <summary>Nothing to report.</summary>
    Ok,

    /// <summary>Expected or in motion; no action needed.</summary>
    Info,

    /// <summary>May need action, or worth watching.</summary>
    Warning,

    /// <summary>Data will not arrive without someone acting.</summary>
    Critical,
}
