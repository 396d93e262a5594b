namespace Dashboard.Web.Data.Team;

/// <summary>
/// What a resource's ongoing data shares with thousands of others (provider, resource, last attempt's status), kept
/// once in the <see cref="StringPool"/> so a <see cref="CompactFreshness"/> holds one reference instead of three.
/// Compared by value (strings ordinally).
/// </summary>
internal sealed record FreshnessLabel(string Provider, string Resource, string? AttemptStatus);
