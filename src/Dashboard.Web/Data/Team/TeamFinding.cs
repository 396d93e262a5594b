using Dashboard.Diagnosis;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// One finding of a team user's diagnosis as the snapshot keeps it: its code, severity, provider and resource (pooled
/// strings), without the words the engine writes for a person. What the grid filters on, the history records and the
/// team CSV names per row, so none of them diagnoses the team again.
/// </summary>
public readonly record struct TeamFinding(string Code, Severity Severity, string? Provider, string? Resource);
