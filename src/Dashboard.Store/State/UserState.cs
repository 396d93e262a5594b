namespace Dashboard.Store.State;

/// <summary>One user of a <see cref="TeamState"/>: what Vital said of them, and the findings the diagnosis made of it.</summary>
public sealed record UserState
{
    public required string UserId { get; init; }

    /// <summary>When the page holding the user was read.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Every provider the upstream listed for the user (some may have neither pulls nor not-pulled resources).</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    public IReadOnlyList<PullState> Pulls { get; init; } = [];

    public IReadOnlyList<NotPulledState> NotPulled { get; init; } = [];

    public IReadOnlyList<FindingState> Findings { get; init; } = [];

    /// <summary>
    /// The diagnosis's one-line headline for the grid, with the findings the figures a restart shows without diagnosing
    /// again; null in payloads written before it was kept (then the restart diagnoses).
    /// </summary>
    public string? Headline { get; init; }

    /// <summary>The connections, when the scan read them; null when it did not (then their changes are not recorded).</summary>
    public IReadOnlyList<ConnectionState>? Connections { get; init; }

    /// <summary>The ongoing data (resources introspection), when the scan read it; null when it did not.</summary>
    public IReadOnlyList<FreshnessState>? Ongoing { get; init; }
}
