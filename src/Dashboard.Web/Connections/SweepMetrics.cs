using System.Diagnostics.Metrics;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Observability;

namespace Dashboard.Web.Connections;

/// <summary>
/// The sweep's instruments on the dashboard's meter: reads by outcome, rounds completed, and the round's progress,
/// observed at each collection. No attribute names a user.
/// </summary>
internal sealed class SweepMetrics
{
    private readonly Counter<long> _reads;
    private readonly Counter<long> _rounds;

    public SweepMetrics(IMeterFactory meterFactory, SweepStatus status, ITeamSnapshots snapshots)
    {
        var meter = meterFactory.Create(DashboardTelemetry.Name);
        _reads = meter.CreateCounter<long>(DashboardTelemetry.SweepReads, "{request}",
            "Users whose connections the sweep asked for, by outcome (read, skipped: Vital refused that user, failed: tried again later).");
        _rounds = meter.CreateCounter<long>(DashboardTelemetry.SweepRounds, "{round}",
            "Rounds of the connection sweep that read every user of the team.");
        meter.CreateObservableGauge(DashboardTelemetry.SweepUsersRead, () => status.Progress(snapshots.Current)?.Read ?? 0, "{user}",
            "Users whose connections the current round has read.");
        meter.CreateObservableGauge(DashboardTelemetry.SweepUsers, () => status.Progress(snapshots.Current)?.Users ?? 0, "{user}",
            "Users the round has to read (the team shown).");
        meter.CreateObservableGauge(DashboardTelemetry.SweepRoundStart, () => status.Cursor?.RoundStartedAt.ToUnixTimeMilliseconds() / 1000.0 ?? 0, "s",
            "When the current round of the connection sweep started, in seconds since the Unix epoch (0: none yet).");
        meter.CreateObservableGauge(DashboardTelemetry.SweepFailing, () => status.UpstreamProblem is null ? 0 : 1, null,
            "1 while the sweep waits for Vital after a failed read.");
    }

    public void Read(string outcome) => _reads.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void RoundCompleted() => _rounds.Add(1);
}
