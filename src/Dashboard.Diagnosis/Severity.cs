using System.Text.Json;
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

/// <summary>Writes <see cref="Severity"/> as its lower-case name and reads it back (case-insensitive; numbers refused).</summary>
public sealed class SeverityJsonConverter() : JsonStringEnumConverter<Severity>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

public static class SeverityExtensions
{
    /// <summary>The value as written in the JSON and in finding codes' documentation: <c>ok</c>, <c>info</c>, <c>warning</c>, <c>critical</c>.</summary>
    public static string ToWireName(this Severity severity) => severity switch
    {
        Severity.Ok => "ok",
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Not a severity."),
    };

    /// <summary>A word for people: "OK", "Info", "Warning", "Critical".</summary>
    public static string ToDisplayName(this Severity severity) => severity switch
    {
        Severity.Ok => "OK",
        Severity.Info => "Info",
        Severity.Warning => "Warning",
        Severity.Critical => "Critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Not a severity."),
    };
}
