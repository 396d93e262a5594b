using Dashboard.Store.State;

namespace Dashboard.Store.Recording;

/// <summary>
/// A team scan that completed, handed to <see cref="IHistoryRecorder.Record"/>. <see cref="State"/> is called on the
/// writer's thread, not the scan's, and only for the scan that is finally written (a newer one replaces a waiting one).
/// </summary>
public sealed record CompletedScan(string Scope, DateTimeOffset StartedAt, DateTimeOffset CompletedAt, int UpstreamCalls, Func<TeamState> State);
