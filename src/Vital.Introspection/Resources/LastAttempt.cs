namespace Vital.Introspection;

/// <summary>When Vital last tried a resource, and how it went.</summary>
public sealed record LastAttempt(DateTimeOffset? Timestamp, AttemptStatus Status);
