namespace Vital.Simulator;

/// <summary>
/// A change to one pull at runtime (<see cref="VitalSimulator.SetPull"/>; over HTTP
/// <c>POST /_simulator/users/{userId}/pulls/{provider}/{resource}</c> with snake_case JSON such as
/// <c>{"status":"success","days_with_data":90}</c>). Fields left out get values that fit the status, relative to the
/// moment of the change: a <c>success</c> ended just now, an <c>in_progress</c> started a minute ago, and so on.
/// </summary>
public sealed record PullUpdate
{
    /// <summary>Any status, known or not (<c>scheduled</c>, <c>in_progress</c>, <c>success</c>, <c>retrying</c>, <c>failure</c>, <c>error</c>, ...).</summary>
    public required string Status { get; init; }

    public int? DaysWithData { get; init; }
    public string? ErrorDetails { get; init; }
    public DateTimeOffset? RangeStart { get; init; }
    public DateTimeOffset? RangeEnd { get; init; }
    public DateTimeOffset? ScheduledAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? Release { get; init; }
    public string? TraceId { get; init; }
}

/// <summary>What <see cref="VitalSimulator.SetPull"/> did.</summary>
public enum PullUpdateResult
{
    Updated,

    /// <summary>No user with that id in the team.</summary>
    UnknownUser,

    /// <summary>The user is not connected to that provider; connections are fixed by the seed.</summary>
    NotConnected,
}
