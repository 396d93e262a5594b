using System.Runtime.InteropServices;
using Dashboard.Diagnosis;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// One resource's ongoing data as the team snapshot keeps it (from the resources introspection): its pooled strings as
/// one <see cref="FreshnessLabel"/>, times as UTC ticks (0 = none), and whether it counted as stale when the scan read it.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct CompactFreshness : IEquatable<CompactFreshness>
{
    private readonly long _newest;
    private readonly long _oldest;
    private readonly long _attempt;

    /// <summary>Vital's sent count; meaningless without <see cref="FreshnessFlags.HasSentCount"/>.</summary>
    private readonly int _sentCount;

    private readonly FreshnessFlags _flags;

    /// <summary>Provider, resource and the last attempt's status: shared with every resource that reads the same.</summary>
    private readonly FreshnessLabel _label;

    internal CompactFreshness(string provider, string resource, ResourceFreshness freshness, bool stale, StringPool pool)
    {
        _label = pool.FreshnessLabelOf(provider, resource, freshness.LastAttempt?.Status.Value);
        _newest = Ticks(freshness.NewestData);
        _oldest = Ticks(freshness.OldestData);
        _attempt = Ticks(freshness.LastAttempt?.Timestamp);
        _sentCount = freshness.SentCount ?? 0;
        _flags = (freshness.SentCount is null ? 0 : FreshnessFlags.HasSentCount) | (stale ? FreshnessFlags.Stale : 0);
    }

    /// <summary>
    /// One resource's ongoing data with the scan's stale rule applied: newest data older than the provider's limit
    /// (<see cref="DiagnosisThresholds.IsStale"/>) while the resource's backfill succeeded or never ran (<paramref name="pull"/>
    /// null). The one place the rule lives, for a scan and for a restart alike.
    /// </summary>
    internal static CompactFreshness Read(
        string provider, string resource, ResourceFreshness freshness, PullStatus? pull, DiagnosisThresholds thresholds, DateTimeOffset asOf, StringPool pool)
    {
        var stale = (pull is null || pull == PullStatus.Success) && thresholds.IsStale(provider, freshness.NewestData, asOf);
        return new CompactFreshness(provider, resource, freshness, stale, pool);
    }

    public string Provider => _label.Provider;

    public string Resource => _label.Resource;

    /// <summary>The last attempt's status verbatim; null without an attempt.</summary>
    public string? AttemptStatus => _label.AttemptStatus;

    public int? SentCount => (_flags & FreshnessFlags.HasSentCount) != 0 ? _sentCount : null;

    /// <summary>Newest data older than the provider's stale limit when the scan read it.</summary>
    public bool Stale => (_flags & FreshnessFlags.Stale) != 0;

    public long NewestDataTicks => _newest;

    public DateTimeOffset? NewestData => Time(_newest);

    public DateTimeOffset? LastAttemptAt => Time(_attempt);

    public bool AttemptFailed => AttemptStatus == Vital.Introspection.AttemptStatus.Failure.Value;

    public ResourceFreshness ToFreshness() => new()
    {
        NewestData = Time(_newest),
        OldestData = Time(_oldest),
        LastAttempt = AttemptStatus is { } status ? new LastAttempt(Time(_attempt), new AttemptStatus(status)) : null,
        SentCount = SentCount,
    };

    /// <summary>Every field the same (strings by value): what a rescan compares to share the shown snapshot's arrays.</summary>
    public bool Equals(CompactFreshness other) =>
        _newest == other._newest && _oldest == other._oldest && _attempt == other._attempt
        && _sentCount == other._sentCount && _flags == other._flags
        && (ReferenceEquals(_label, other._label) || Equals(_label, other._label));

    public override bool Equals(object? obj) => obj is CompactFreshness other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_label, _newest, _attempt);

    public static bool operator ==(CompactFreshness left, CompactFreshness right) => left.Equals(right);

    public static bool operator !=(CompactFreshness left, CompactFreshness right) => !left.Equals(right);

    private static long Ticks(DateTimeOffset? time) => time?.UtcTicks ?? 0;

    private static DateTimeOffset? Time(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <summary>Two booleans in one byte: 40 bytes a resource instead of 48 (a nullable count and a flag took 16).</summary>
    [Flags]
    private enum FreshnessFlags : byte
    {
        HasSentCount = 1,
        Stale = 2,
    }
}
