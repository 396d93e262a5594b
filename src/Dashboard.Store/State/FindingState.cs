namespace Dashboard.Store.State;

/// <summary>One finding of a user's diagnosis: its code and severity, and what it is about.</summary>
public sealed record FindingState(string Code, string Severity, string? Provider = null, string? Resource = null);
