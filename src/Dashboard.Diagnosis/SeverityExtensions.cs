namespace Dashboard.Diagnosis;

public static class SeverityExtensions
{
    /// <summary>
    /// The one definition of "needs attention", for a user, a provider or a finding: something is critical or a
    /// warning (a person should act, or watch it).
    /// </summary>
    public static bool NeedsAttention(this Severity severity) => severity >= Severity.Warning;

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
