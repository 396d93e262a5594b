namespace Dashboard.Store.Connections;

/// <summary>Where a round of the connection sweep stands: the last user read (null: none yet) and when the round started.</summary>
public sealed record SweepCursor(string? LastUserId, DateTimeOffset RoundStartedAt);
