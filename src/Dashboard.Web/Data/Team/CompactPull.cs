using System.Globalization;
using System.Runtime.InteropServices;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// One pull as the team snapshot keeps it: pooled strings, times as UTC ticks (0 = none), a hex trace id as
/// 16 bytes, the strings it shares with other pulls as one <see cref="PullLabel"/>. 72 bytes instead of the several
/// hundred the parsed records take.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct CompactPull : IEquatable<CompactPull>
{
    private readonly long _scheduled;
    private readonly long _started;
    private readonly long _ended;
    private readonly long _rangeStart;
    private readonly long _rangeEnd;
    private readonly ulong _traceHigh;
    private readonly ulong _traceLow;

    /// <summary>
    /// Provider, resource, status, error and release: shared with every pull that reads the same. A pull whose trace
    /// id is not 32 lower-case hex characters has a label of its own that keeps the id as it came
    /// (<see cref="PullLabel.TraceText"/>): rare enough that no pull pays a field for it.
    /// </summary>
    private readonly PullLabel _label;

    internal CompactPull(string provider, string resource, HistoricalPull pull, StringPool pool)
        : this(
            provider,
            resource,
            pull.Status.Value,
            pull.ErrorDetails?.Value,
            pull.Release,
            pull.TraceId,
            pull.DaysWithData,
            (pull.Timeline.ScheduledAt, pull.Timeline.StartedAt, pull.Timeline.EndedAt),
            (pull.RangeStart, pull.RangeEnd),
            pool)
    {
    }

    /// <summary>A pull from its parts (a stored team state, read back at a restart).</summary>
    internal CompactPull(
        string provider,
        string resource,
        string status,
        string? errorDetails,
        string? release,
        string? traceId,
        int daysWithData,
        (DateTimeOffset? Scheduled, DateTimeOffset? Started, DateTimeOffset? Ended) timeline,
        (DateTimeOffset? Start, DateTimeOffset? End) range,
        StringPool pool)
    {
        _label = pool.PullLabelOf(provider, resource, status, errorDetails, release);
        DaysWithData = daysWithData;
        _scheduled = Ticks(timeline.Scheduled);
        _started = Ticks(timeline.Started);
        _ended = Ticks(timeline.Ended);
        _rangeStart = Ticks(range.Start);
        _rangeEnd = Ticks(range.End);
        HasTraceId = traceId is not null;
        if (traceId is { Length: 32 } hex
            && hex.All(char.IsAsciiHexDigitLower)
            && ulong.TryParse(hex.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _traceHigh)
            && ulong.TryParse(hex.AsSpan(16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _traceLow))
        {
            return;
        }

        _traceHigh = _traceLow = 0;
        if (traceId is not null)
        {
            _label = _label with { TraceText = traceId };
        }
    }

    public string Provider => _label.Provider;

    public string Resource => _label.Resource;

    public PullStatus Status => _label.Status;

    public string? ErrorDetails => _label.ErrorDetails;

    public string? Release => _label.Release;

    public int DaysWithData { get; }

    private bool HasTraceId { get; }

    public string? TraceId => !HasTraceId ? null
        : _label.TraceText ?? string.Create(CultureInfo.InvariantCulture, $"{_traceHigh:x16}{_traceLow:x16}");

    public DateTimeOffset? ScheduledAt => Time(_scheduled);

    public DateTimeOffset? StartedAt => Time(_started);

    public DateTimeOffset? EndedAt => Time(_ended);

    public DateTimeOffset? RangeStart => Time(_rangeStart);

    public DateTimeOffset? RangeEnd => Time(_rangeEnd);

    /// <summary>The most recent timeline time: what "latest activity" sorts on.</summary>
    public long LatestActivityTicks => Math.Max(_scheduled, Math.Max(_started, _ended));

    public HistoricalPull ToHistoricalPull() => new()
    {
        Status = Status,
        RangeStart = RangeStart,
        RangeEnd = RangeEnd,
        DaysWithData = DaysWithData,
        Timeline = new PullTimeline { ScheduledAt = ScheduledAt, StartedAt = StartedAt, EndedAt = EndedAt },
        Release = Release,
        TraceId = TraceId,
        ErrorDetails = ErrorDetails is null ? null : new PullErrorDetails(ErrorDetails),
    };

    /// <summary>Every field the same (strings by value): what a rescan compares to share the shown snapshot's arrays.</summary>
    public bool Equals(CompactPull other) =>
        _scheduled == other._scheduled && _started == other._started && _ended == other._ended
        && _rangeStart == other._rangeStart && _rangeEnd == other._rangeEnd
        && _traceHigh == other._traceHigh && _traceLow == other._traceLow && HasTraceId == other.HasTraceId
        && DaysWithData == other.DaysWithData
        && (ReferenceEquals(_label, other._label) || Equals(_label, other._label));

    public override bool Equals(object? obj) => obj is CompactPull other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_label, _scheduled, _started, _ended, _traceLow);

    public static bool operator ==(CompactPull left, CompactPull right) => left.Equals(right);

    public static bool operator !=(CompactPull left, CompactPull right) => !left.Equals(right);

    private static long Ticks(DateTimeOffset? time) => time?.UtcTicks ?? 0;

    private static DateTimeOffset? Time(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
