using System.Diagnostics;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Observability;

/// <summary>
/// The one hook in the team scan, its first line (<c>TeamSnapshotService.ScanAsync</c>):
/// <code>using var telemetry = TeamScanTelemetry.Start(this, snapshot);</code>
/// It opens a span for the scan, a root of its own (a scan outlives the request that started it, which it links to),
/// so every upstream call of the scan is its child; when the scan ends it reads the outcome off the snapshot, tags the
/// span, and tells the metrics of that host (<see cref="DashboardMetrics"/>) how long it took and how it ended.
/// </summary>
internal static class TeamScanTelemetry
{
    public const string SpanName = "team scan";

    /// <summary>A scan ended: its snapshots service (so each host hears only its own), and the result.</summary>
    public static event Action<ITeamSnapshots, TeamScanResult>? Ended;

    public static Scope Start(ITeamSnapshots source, TeamSnapshot snapshot)
    {
        var trigger = Activity.Current;
        Activity.Current = null;
        var activity = DashboardTelemetry.ActivitySource.StartActivity(
            SpanName,
            ActivityKind.Internal,
            parentContext: default,
            tags: [new("scan.generation", snapshot.Generation)],
            links: trigger is null ? null : [new ActivityLink(trigger.Context)]);
        return new Scope(source, snapshot, activity, Stopwatch.GetTimestamp());
    }

    public readonly struct Scope(ITeamSnapshots source, TeamSnapshot snapshot, Activity? activity, long started) : IDisposable
    {
        public void Dispose()
        {
            var result = TeamScanResult.Of(snapshot, Stopwatch.GetElapsedTime(started));
            if (activity is not null)
            {
                activity.SetTag("outcome", result.Outcome);
                activity.SetTag("error.type", result.ErrorType);
                activity.SetTag("scan.users", snapshot.Count);
                activity.SetTag("scan.pages", snapshot.Progress.Pages);
                if (result.Outcome == TeamScanResult.Failed)
                {
                    activity.SetStatus(ActivityStatusCode.Error, result.ErrorType);
                }

                activity.Dispose();
            }

            Ended?.Invoke(source, result);
        }
    }
}
