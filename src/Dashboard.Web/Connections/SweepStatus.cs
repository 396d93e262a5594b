using Dashboard.Store.Connections;
using Dashboard.Web.Data.Team;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Connections;

/// <summary>
/// What the connection sweep is doing, for the team page, <c>/readyz</c> and the metrics: set by
/// <see cref="ConnectionSweep"/>, read anywhere.
/// </summary>
public sealed class SweepStatus(IOptions<SweepOptions> options, SweepOrder order)
{
    private volatile SweepCursor? _cursor;
    private volatile string? _upstreamProblem;
    private volatile string? _storeProblem;

    public bool Enabled => RequestsPerSecond > 0;

    public double RequestsPerSecond => options.Value.RequestsPerSecond;

    /// <summary>Where the current round stands; null before the sweep has started one.</summary>
    public SweepCursor? Cursor => _cursor;

    /// <summary>Why the sweep is waiting for Vital, in words; null while it reads.</summary>
    public string? UpstreamProblem => _upstreamProblem;

    /// <summary>Why readings are kept in memory only, in words; null while the store takes them.</summary>
    public string? StoreProblem => _storeProblem;

    /// <summary>The sweep against <paramref name="snapshot"/>'s users; null when the sweep is off.</summary>
    public SweepProgress? Progress(TeamSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!Enabled)
        {
            return null;
        }

        var cursor = _cursor;
        var users = snapshot.Count;
        var read = cursor is null ? 0 : Math.Min(users, order.Position(snapshot, cursor.LastUserId));
        var remaining = TimeSpan.FromSeconds((users - read) / RequestsPerSecond);
        var problem = _upstreamProblem ?? _storeProblem;
        return new SweepProgress(read, users, cursor?.RoundStartedAt, remaining, problem);
    }

    internal void Moved(SweepCursor cursor) => _cursor = cursor;

    internal void UpstreamFailing(string? problem) => _upstreamProblem = problem;

    internal void StoreFailing(string? problem) => _storeProblem = problem;
}
