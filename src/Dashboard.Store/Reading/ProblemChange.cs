namespace Dashboard.Store.Reading;

/// <summary>A problem (a warning or critical finding) that appeared or cleared for one user, first seen at <see cref="SeenAt"/>.</summary>
public sealed record ProblemChange(
    DateTimeOffset SeenAt,
    string UserId,
    string? Provider,
    string? Resource,
    string Code,
    string Severity,
    bool Appeared);
