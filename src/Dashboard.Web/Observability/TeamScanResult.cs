using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Observability;

/// <summary>How a team scan ended, as its snapshot says.</summary>
/// <param name="Outcome"><see cref="Completed"/>, <see cref="Failed"/> or <see cref="Cancelled"/> (shutting down).</param>
/// <param name="ErrorType">Why it failed: the upstream error's kind (<c>Unavailable</c>, <c>RateLimited</c>, …) or <c>internal</c>.</param>
/// <param name="Duration">From the scan's start to its end.</param>
internal sealed record TeamScanResult(string Outcome, string? ErrorType, TimeSpan Duration)
{
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static TeamScanResult Of(TeamSnapshot snapshot, TimeSpan elapsed)
    {
        if (!snapshot.IsComplete)
        {
            return new(Cancelled, null, elapsed);
        }

        var duration = snapshot.CompletedAt!.Value - snapshot.StartedAt;
        return snapshot.Error is null
            ? new(Completed, null, duration)
            : new(Failed, snapshot.UpstreamError?.Kind.ToString() ?? "internal", duration);
    }
}
