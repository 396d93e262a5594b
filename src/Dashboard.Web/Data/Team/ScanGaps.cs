using System.Collections.Concurrent;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// One scan's walks that ran out of patience. Once one has, the trouble has lasted <c>Vital:ScanPatience</c>
/// already: the scan's other walks give up at their first page that fails after the retries instead of each
/// waiting as long again, so an outage costs one patience per scan, not one per provider.
/// </summary>
public sealed class ScanGaps
{
    private readonly ConcurrentQueue<ScanGap> _gaps = new();
    private int _gaveUp;

    /// <summary>Whether a walk of this scan has given up.</summary>
    public bool GaveUp => Volatile.Read(ref _gaveUp) == 1;

    public bool IsEmpty => _gaps.IsEmpty;

    public void Add(ScanGap gap)
    {
        ArgumentNullException.ThrowIfNull(gap);
        _gaps.Enqueue(gap);
        Volatile.Write(ref _gaveUp, 1);
    }

    public IReadOnlyList<ScanGap> ToList() => [.. _gaps];
}
