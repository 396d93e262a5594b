namespace Dashboard.Store.Connections;

/// <summary>What the store holds of a scope's connection sweep: its cursor (null: it never ran) and every user's latest reading.</summary>
public sealed record StoredSweep(SweepCursor? Cursor, IReadOnlyList<UserConnections> Users);
