using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Observability;

/// <summary>How a team scan ended, as its snapshot says.</summary>
/// <param name="Outcome"><see cref="Completed"/>, <see cref="Incomplete"/> (published with gaps after <c>Vital:ScanPatience</c>), <see cref="Failed"/> or <see cref="Cancelled"/> (shutting down).</param>
/// <param name="ErrorType">Why it failed, or why a walk was given up: the upstream error's kind (<c>Unavailable</c>, <c>RateLimited</c>, …) or <c>internal</c>.</param>
/// <param name="Duration">From the scan's start to its end.</param>
internal sealed record TeamScanResult(string Outcome, string? ErrorType, TimeSpan Duration)
{
    public const string Completed = "completed";
    public const string Incomplete = "incomplete";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static TeamScanResult Of(TeamSnapshot snapshot, TimeSpan elapsed)
    {
        if (!snapshot.IsComplete)
        {
            return new(Cancelled, null, elapsed);
        }

        var duration = snapshot.CompletedAt!.Value - snapshot.StartedAt;
        if (snapshot.IsIncomplete)
        {
            return new(Incomplete, snapshot.Gaps[0].Kind.ToString(), duration);
        }

        return snapshot.Error is null
            ? new(Completed, null, duration)
            : new(Failed, snapshot.UpstreamError?.Kind.ToString() ?? "internal", duration);
    }
}
