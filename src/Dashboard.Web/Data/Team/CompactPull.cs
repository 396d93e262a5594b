using System.Globalization;
using System.Runtime.InteropServices;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// One pull as the team snapshot keeps it: pooled strings, timeline times as UTC ticks (0 = none), the range as days
/// (Vital sends it as dates), a hex trace id as 16 bytes, the strings it shares with other pulls as one
/// <see cref="PullLabel"/>. 56 bytes instead of the several hundred the parsed records take: some 1.2 million of them
/// at 100,000 users.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct CompactPull : IEquatable<CompactPull>
{
    private readonly long _scheduled;
    private readonly long _started;
    private readonly long _ended;
    private readonly ulong _traceHigh;
    private readonly ulong _traceLow;

    /// <summary>The range's end as days since 0001-01-01 (0 = none).</summary>
    private readonly int _rangeEndDay;

    /// <summary>The range's length in days plus one (0 = no start): its start is that many days before its end, less one.</summary>
    private readonly ushort _rangeSpan;

    private readonly ushort _daysWithData;

    /// <summary>
    /// Provider, resource, status, error and release: shared with every pull that reads the same. A pull whose trace
    /// id is not 32 lower-case hex characters (or is all zeros), or whose range and days do not fit the fields above
    /// (a range that is not whole UTC days, a start without an end, more than 65,534 days), has a label of its own
    /// that keeps them as they came (<see cref="PullLabel.TraceText"/>, <see cref="PullLabel.RangeAsItCame"/>): rare
    /// enough that no pull pays a field for them.
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
        _scheduled = Ticks(timeline.Scheduled);
        _started = Ticks(timeline.Started);
        _ended = Ticks(timeline.Ended);
        var rangeFits = TryPackRange(range, daysWithData, out _rangeEndDay, out _rangeSpan, out _daysWithData);
        var traceFits = traceId is null || TryPackTrace(traceId, out _traceHigh, out _traceLow);
        if (!traceFits || !rangeFits)
        {
            _label = _label with
            {
                TraceText = traceFits ? null : traceId,
                RangeAsItCame = rangeFits ? null : new PullRange(range.Start, range.End, daysWithData),
            };
        }
    }

    public string Provider => _label.Provider;

    /// <summary>The pooled label this pull shares with every pull of the same provider, resource, status, error and release (<see cref="StringPool.PullLabelOf"/>).</summary>
    internal PullLabel Label => _label;

    public string Resource => _label.Resource;

    public PullStatus Status => _label.Status;

    public string? ErrorDetails => _label.ErrorDetails;

    public string? Release => _label.Release;

    public int DaysWithData => _label.RangeAsItCame?.DaysWithData ?? _daysWithData;

    public string? TraceId => _label.TraceText
        ?? (_traceHigh == 0 && _traceLow == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{_traceHigh:x16}{_traceLow:x16}"));

    public DateTimeOffset? ScheduledAt => Time(_scheduled);

    public DateTimeOffset? StartedAt => Time(_started);

    public DateTimeOffset? EndedAt => Time(_ended);

    public DateTimeOffset? RangeStart => _label.RangeAsItCame is { } range ? range.Start
        : _rangeSpan == 0 ? null : Day(_rangeEndDay - (_rangeSpan - 1));

    public DateTimeOffset? RangeEnd => _label.RangeAsItCame is { } range ? range.End
        : _rangeEndDay == 0 ? null : Day(_rangeEndDay);

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
        && _rangeEndDay == other._rangeEndDay && _rangeSpan == other._rangeSpan && _daysWithData == other._daysWithData
        && _traceHigh == other._traceHigh && _traceLow == other._traceLow
        && (ReferenceEquals(_label, other._label) || Equals(_label, other._label));

    public override bool Equals(object? obj) => obj is CompactPull other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_label, _scheduled, _started, _ended, _traceLow);

    public static bool operator ==(CompactPull left, CompactPull right) => left.Equals(right);

    public static bool operator !=(CompactPull left, CompactPull right) => !left.Equals(right);

    private static long Ticks(DateTimeOffset? time) => time?.UtcTicks ?? 0;

    private static DateTimeOffset? Time(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    private static DateTimeOffset Day(int day) => new(day * TimeSpan.TicksPerDay, TimeSpan.Zero);

    /// <summary>32 lower-case hex characters, not all zeros (zeros mean none), as two 64-bit halves.</summary>
    private static bool TryPackTrace(string traceId, out ulong high, out ulong low)
    {
        high = low = 0;
        var fits = traceId.Length == 32
            && traceId.All(char.IsAsciiHexDigitLower)
            && ulong.TryParse(traceId.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out high)
            && ulong.TryParse(traceId.AsSpan(16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out low)
            && (high != 0 || low != 0);
        if (!fits)
        {
            high = low = 0;
        }

        return fits;
    }

    /// <summary>
    /// The range as whole UTC days (an end, and a start no later than it, at most 65,534 days before), and days with
    /// data from 0 to 65,535; false (and zeros) for anything else, which the pull then keeps as it came.
    /// </summary>
    private static bool TryPackRange((DateTimeOffset? Start, DateTimeOffset? End) range, int daysWithData, out int endDay, out ushort span, out ushort days)
    {
        endDay = 0;
        span = days = 0;
        if (daysWithData is < 0 or > ushort.MaxValue
            || !TryDay(range.End, out var end)
            || !TryDay(range.Start, out var start)
            || (start != 0 && (end == 0 || start > end || end - start >= ushort.MaxValue)))
        {
            return false;
        }

        endDay = end;
        span = start == 0 ? (ushort)0 : (ushort)(end - start + 1);
        days = (ushort)daysWithData;
        return true;

        static bool TryDay(DateTimeOffset? time, out int day)
        {
            day = 0;
            if (time is not { } t)
            {
                return true;
            }

            if (t.UtcTicks % TimeSpan.TicksPerDay != 0 || t.UtcTicks == 0)
            {
                return false;
            }

            day = (int)(t.UtcTicks / TimeSpan.TicksPerDay);
            return true;
        }
    }
}
