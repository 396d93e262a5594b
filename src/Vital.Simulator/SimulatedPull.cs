namespace Vital.Simulator;

/// <summary>One pull as the simulator will write it; the simulator's own model, independent of the client's.</summary>
internal sealed record SimulatedPull
{
    public required string Resource { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? RangeStart { get; init; }
    public DateTimeOffset? RangeEnd { get; init; }
    public required DateTimeOffset ScheduledAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>False: the <c>ended_at</c> key is left out (the upstream sometimes omits it instead of sending null).</summary>
    public bool WriteEndedAt { get; init; } = true;

    public int DaysWithData { get; init; }
    public required string Release { get; init; }
    public string? TraceId { get; init; }
    public string? ErrorDetails { get; init; }
}

internal sealed record SimulatedProviderPulls(string Slug, List<SimulatedPull> Pulled, List<string> NotPulled);

internal sealed record SimulatedUser(string UserId, List<SimulatedProviderPulls> Providers);
