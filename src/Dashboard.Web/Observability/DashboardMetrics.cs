using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dashboard.Diagnosis;
using Dashboard.Web.Data.Team;
using Vital.Introspection;

namespace Dashboard.Web.Observability;

/// <summary>
/// The dashboard's instruments, on its one meter (<see cref="DashboardTelemetry.Name"/>). The team figures are
/// observed from <see cref="ITeamSnapshots"/> when a reader collects, never pushed by the scan; scan durations arrive
/// through <see cref="TeamScanTelemetry"/>; cache lookups through <see cref="MeteredHybridCache"/>. No attribute
/// carries a user id, a client user id or the key: attributes are fixed words, finding codes, or upstream words that
/// pass <see cref="LabelValue"/>.
/// </summary>
internal sealed class DashboardMetrics : IDisposable
{
    private static readonly double[] ScanBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];

    private readonly ITeamSnapshots _snapshots;
    private readonly UpstreamCircuitState _circuit;
    private readonly ScanResumer _resumer;
    private readonly IScanLease _lease;
    private readonly Histogram<double> _scanDuration;
    private readonly Counter<long> _scanResumes;
    private readonly Counter<long> _cacheRequests;
    private readonly Counter<long> _connections;
    private readonly Lock _gate = new();
    private (TeamSnapshot? Snapshot, long Version, TeamCensus Census) _census = (null, -1, TeamCensus.Empty);

    public DashboardMetrics(IMeterFactory meterFactory, ITeamSnapshots snapshots, UpstreamCircuitState circuit, ScanResumer resumer, IScanLease lease)
    {
        _lease = lease;
        _snapshots = snapshots;
        _circuit = circuit;
        _resumer = resumer;
        var meter = meterFactory.Create(DashboardTelemetry.Name);

        meter.CreateObservableGauge(DashboardTelemetry.TeamUsers, () => Census().Users, "{user}",
            "Users in the team snapshot.");
        meter.CreateObservableGauge(DashboardTelemetry.TeamProviderUsers, () => Measure(Census().ProviderUsers), "{user}",
            "Users of each provider, by the worst status of their historical pulls there (none: nothing pulled).");
        meter.CreateObservableGauge(DashboardTelemetry.TeamPulls, () => Measure(Census().Pulls), "{pull}",
            "Historical pulls in the team snapshot by provider and status.");
        meter.CreateObservableGauge(DashboardTelemetry.TeamFindings, ObserveFindings, "{user}",
            "Users with an open finding of each code, with the code's severity.");
        meter.CreateObservableGauge(DashboardTelemetry.TeamStaleUsers, () => Census().StaleUsers, "{user}",
            "Users whose newest data is older than their provider's stale limit (the grid's stale filter).");

        _scanDuration = meter.CreateHistogram(DashboardTelemetry.ScanDuration, "s",
            "Team scans from start to end, by outcome (completed, incomplete, failed, cancelled) and, when failed or incomplete, error type.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ScanBuckets });
        meter.CreateObservableGauge(DashboardTelemetry.ScanRunning, () => Scanning() is null ? 0 : 1, null,
            "1 while a team scan runs.");
        meter.CreateObservableGauge(DashboardTelemetry.ScanPages, () => LatestScan().Progress.Pages, "{page}",
            "Pages read by the running team scan (or the last one).");
        meter.CreateObservableGauge(DashboardTelemetry.ScanUsers, () => LatestScan().Count, "{user}",
            "Users read by the running team scan (or the last one).");
        meter.CreateObservableGauge(DashboardTelemetry.ScanProgress, ObserveProgress, "1",
            "Share of the running team scan's walks that are done (1 when none runs).");
        meter.CreateObservableGauge(DashboardTelemetry.ScanFailing, () => Failing() ? 1 : 0, null,
            "1 when the last team scan failed (the grid shows an older snapshot, or none).");
        meter.CreateObservableGauge(DashboardTelemetry.ScanLastSuccess, ObserveLastSuccess, "s",
            "When the shown team snapshot was completed, in seconds since the Unix epoch.");

        _scanResumes = meter.CreateCounter<long>(DashboardTelemetry.ScanResumes, "{resume}",
            "Times a team scan's walk backed off and asked again for a page that failed after the retries, by walk (pulls, resources) and error type.");
        meter.CreateObservableGauge(DashboardTelemetry.ScanIncomplete, () => _snapshots.Current.IsIncomplete ? 1 : 0, null,
            "1 when the shown team snapshot is incomplete (a walk ran out of Vital:ScanPatience); the next scan tries again.");
        meter.CreateObservableGauge(DashboardTelemetry.ScanRole, ObserveRole, null,
            "Which replica scans the team: 1 for this replica's role (single, leader, follower, isolated), 0 for the others.");

        meter.CreateObservableGauge(DashboardTelemetry.UpstreamCircuitState, ObserveCircuit, null,
            "The upstream circuit breaker: 1 for its current state (closed, open, half_open), 0 for the others.");
        _connections = meter.CreateCounter<long>(DashboardTelemetry.UpstreamConnections, "{connection}",
            "Connections in Vital's fresh answers about a user (the team scan does not read connections), by provider and status.");
        _cacheRequests = meter.CreateCounter<long>(DashboardTelemetry.CacheRequests, "{request}",
            "Reads of the shared cache of upstream answers, by cache (vital-user, vital-page, ...) and result (hit, miss).");

        TeamScanTelemetry.Ended += OnScanEnded;
        _resumer.Resumed += OnResumed;
    }

    public void RecordCacheLookup(string cache, bool hit) =>
        _cacheRequests.Add(1, new TagList { { "cache", cache }, { "result", hit ? "hit" : "miss" } });

    /// <summary>A fresh answer from Vital (a cache miss), never a cached one counted again.</summary>
    public void RecordFetched(object? value)
    {
        if (value is Data.Fetched<IReadOnlyList<ProviderConnection>?> { Value: { } connections })
        {
            foreach (var connection in connections)
            {
                _connections.Add(1, new TagList
                {
                    { "provider", LabelValue.Of(connection.Provider.Value) },
                    { "status", LabelValue.Of(connection.Status.Value) },
                });
            }
        }
    }

    public void Dispose()
    {
        TeamScanTelemetry.Ended -= OnScanEnded;
        _resumer.Resumed -= OnResumed;
    }

    private void OnResumed(TeamWalk walk, VitalErrorKind kind) =>
        _scanResumes.Add(1, new TagList { { "walk", ScanResumer.Label(walk) }, { "error.type", kind.ToString() } });

    private void OnScanEnded(ITeamSnapshots source, TeamScanResult result)
    {
        if (!ReferenceEquals(source, _snapshots))
        {
            return;
        }

        var tags = new TagList { { "outcome", result.Outcome } };
        if (result.ErrorType is not null)
        {
            tags.Add("error.type", result.ErrorType);
        }

        _scanDuration.Record(result.Duration.TotalSeconds, tags);
    }

    private TeamCensus Census()
    {
        var snapshot = _snapshots.Current;
        var version = snapshot.Version;
        lock (_gate)
        {
            if (!ReferenceEquals(_census.Snapshot, snapshot) || _census.Version != version)
            {
                _census = (snapshot, version, TeamCensus.Of(snapshot));
            }

            return _census.Census;
        }
    }

    private static IEnumerable<Measurement<int>> Measure(IReadOnlyDictionary<(string Provider, string Status), int> counts) =>
        counts.Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("provider", c.Key.Provider), new KeyValuePair<string, object?>("status", c.Key.Status)));

    private IEnumerable<Measurement<int>> ObserveFindings() =>
        Census().Findings.Select(f => new Measurement<int>(
            f.Value,
            new KeyValuePair<string, object?>("code", f.Key),
            new KeyValuePair<string, object?>("severity", FindingCodes.SeverityOf(f.Key).ToString().ToLowerInvariant())));

    /// <summary>The scan that is running, if any: a refresh beside the shown snapshot, or the first scan filling it.</summary>
    private TeamSnapshot? Scanning()
    {
        if (_snapshots.Refreshing is { } refreshing)
        {
            return refreshing;
        }

        var current = _snapshots.Current;
        return current.HasStarted && !current.IsComplete ? current : null;
    }

    private TeamSnapshot LatestScan() => Scanning() ?? _snapshots.Current;

    private double ObserveProgress()
    {
        if (Scanning() is not { } scan)
        {
            return 1;
        }

        var progress = scan.Progress;
        return progress.ScopesTotal == 0 ? 0 : Math.Min(1, (double)progress.ScopesDone / progress.ScopesTotal);
    }

    private bool Failing() => _snapshots.LastRefreshError is not null || _snapshots.Current.Error is not null;

    private IEnumerable<Measurement<double>> ObserveLastSuccess()
    {
        var current = _snapshots.Current;
        if (current is { IsComplete: true, Error: null, CompletedAt: { } completed })
        {
            yield return new Measurement<double>(completed.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    private IEnumerable<Measurement<int>> ObserveRole()
    {
        var role = _lease.Role;
        return Enum.GetValues<ScanRole>().Select(r => new Measurement<int>(r == role ? 1 : 0, new KeyValuePair<string, object?>("role", r.ToString().ToLowerInvariant())));
    }

    private IEnumerable<Measurement<int>> ObserveCircuit()
    {
        var state = _circuit.Current;
        return UpstreamCircuitState.All.Select(s => new Measurement<int>(s == state ? 1 : 0, new KeyValuePair<string, object?>("state", s)));
    }
}
