namespace Vital.Introspection;

/// <summary>
/// What Vital answered to <c>POST /v2/user/refresh/{user_id}</c>: sources as <c>provider/resource</c> (sometimes with
/// more parts, such as <c>withings/vitals/blood_pressure</c>).
/// </summary>
public sealed record RefreshResult
{
    /// <summary>False when Vital refused (400: for instance, the user has no connected source).</summary>
    public required bool Success { get; init; }

    /// <summary>Vital's words when it refused.</summary>
    public string? Error { get; init; }

    /// <summary>Vital answered 202: some sources were still being refreshed when it stopped waiting.</summary>
    public bool StillRunning { get; init; }

    public IReadOnlyList<string> Refreshed { get; init; } = [];

    public IReadOnlyList<string> InProgress { get; init; } = [];

    public IReadOnlyList<string> Failed { get; init; } = [];
}
