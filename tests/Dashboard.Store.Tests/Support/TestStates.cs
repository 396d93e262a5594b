using Dashboard.Store.State;

namespace Dashboard.Store.Tests.Support;

/// <summary>Small team states written by hand: a user, their pulls and findings.</summary>
internal static class TestStates
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static TeamState Team(DateTimeOffset completedAt, params UserState[] users) => new() { CompletedAt = completedAt, Users = users };

    public static UserState User(string id, IReadOnlyList<PullState>? pulls = null, IReadOnlyList<FindingState>? findings = null, IReadOnlyList<ConnectionState>? connections = null) => new()
    {
        UserId = id,
        AsOf = T0,
        Providers = [.. (pulls ?? []).Select(p => p.Provider).Distinct().Order(StringComparer.Ordinal)],
        Pulls = pulls ?? [],
        Findings = findings ?? [],
        Connections = connections,
    };

    public static PullState Pull(string provider, string resource, string status) => new()
    {
        Provider = provider,
        Resource = resource,
        Status = status,
        ScheduledAt = T0.AddHours(-2),
        TraceId = "51cc7d2d8a7c4e5f9b0a1c2d3e4f5a6b",
        DaysWithData = status == "success" ? 30 : 0,
    };

    public static FindingState Failed(string provider, string resource) => new("pull_failed", "critical", provider, resource);

    public static FindingState Retrying(string provider, string resource) => new("pull_retrying", "warning", provider, resource);

    public static FindingState InProgress(string provider, string resource) => new("pull_in_progress", "info", provider, resource);
}
