using System.Runtime.InteropServices;
using Dashboard.Diagnosis;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// One resource's ongoing data as the team snapshot keeps it (from the resources introspection): its pooled strings and
/// flags as one <see cref="FreshnessLabel"/>, the newest data and last attempt as UTC ticks (0 = none), the oldest data
/// as whole seconds since 1970 (0 = none; Vital sends it as a day). 32 bytes a resource: some 1.5 million of them at
/// 100,000 users.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct CompactFreshness : IEquatable<CompactFreshness>
{
    private readonly long _newest;
    private readonly long _attempt;

    /// <summary>
    /// Seconds since 1970; an oldest-data time that does not fit (a fraction of a second, before 1970 or after 2106) is
    /// kept as it came on a label of the resource's own (<see cref="FreshnessLabel.OldestAsItCame"/>), and this is 0.
    /// </summary>
    private readonly uint _oldest;

    /// <summary>Vital's sent count; meaningless without <see cref="FreshnessLabel.HasSentCount"/>.</summary>
    private readonly int _sentCount;

    /// <summary>Provider, resource, the last attempt's status and the two flags: shared with every resource that reads the same.</summary>
    private readonly FreshnessLabel _label;

    internal CompactFreshness(string provider, string resource, ResourceFreshness freshness, bool stale, StringPool pool)
    {
        _label = pool.FreshnessLabelOf(provider, resource, freshness.LastAttempt?.Status.Value, freshness.SentCount is not null, stale);
        _newest = Ticks(freshness.NewestData);
        _attempt = Ticks(freshness.LastAttempt?.Timestamp);
        _sentCount = freshness.SentCount ?? 0;
        if (!TryPackSeconds(freshness.OldestData, out _oldest))
        {
            _label = _label with { OldestAsItCame = freshness.OldestData };
        }
    }

    /// <summary>
    /// One resource's ongoing data with the scan's stale rule applied: newest data older than the provider's limit
    /// (<see cref="DiagnosisThresholds.IsStale"/>) while the resource's backfill succeeded or never ran (<paramref name="pull"/>
    /// null). The rule lives in <see cref="IsStale"/>, for a scan, a merge and a restart alike.
    /// </summary>
    internal static CompactFreshness Read(
        string provider, string resource, ResourceFreshness freshness, PullStatus? pull, DiagnosisThresholds thresholds, DateTimeOffset asOf, StringPool pool) =>
        new(provider, resource, freshness, IsStale(provider, freshness.NewestData, pull, thresholds, asOf), pool);

    /// <summary>
    /// This resource with the stale rule applied again (<see cref="Read"/>): against the user's pull of it after a
    /// merge, at the user's time then. Everything else stays as it is.
    /// </summary>
    internal CompactFreshness ReadAgain(PullStatus? pull, DiagnosisThresholds thresholds, DateTimeOffset asOf, StringPool pool)
    {
        var stale = IsStale(Provider, NewestData, pull, thresholds, asOf);
        if (stale == Stale)
        {
            return this;
        }

        var label = _label.OldestAsItCame is null
            ? pool.FreshnessLabelOf(_label.Provider, _label.Resource, _label.AttemptStatus, _label.HasSentCount, stale)
            : _label with { Stale = stale };
        return new CompactFreshness(this, label);
    }

    private CompactFreshness(CompactFreshness other, FreshnessLabel label)
    {
        _newest = other._newest;
        _attempt = other._attempt;
        _oldest = other._oldest;
        _sentCount = other._sentCount;
        _label = label;
    }

    private static bool IsStale(string provider, DateTimeOffset? newest, PullStatus? pull, DiagnosisThresholds thresholds, DateTimeOffset asOf) =>
        (pull is null || pull == PullStatus.Success) && thresholds.IsStale(provider, newest, asOf);

    public string Provider => _label.Provider;

    public string Resource => _label.Resource;

    /// <summary>The last attempt's status verbatim; null without an attempt.</summary>
    public string? AttemptStatus => _label.AttemptStatus;

    public int? SentCount => _label.HasSentCount ? _sentCount : null;

    /// <summary>Newest data older than the provider's stale limit when the scan read it.</summary>
    public bool Stale => _label.Stale;

    public long NewestDataTicks => _newest;

    public DateTimeOffset? NewestData => Time(_newest);

    public DateTimeOffset? OldestData => _label.OldestAsItCame ?? (_oldest == 0 ? null : DateTimeOffset.UnixEpoch.AddSeconds(_oldest));

    public DateTimeOffset? LastAttemptAt => Time(_attempt);

    public bool AttemptFailed => AttemptStatus == Vital.Introspection.AttemptStatus.Failure.Value;

    public ResourceFreshness ToFreshness() => new()
    {
        NewestData = Time(_newest),
        OldestData = OldestData,
        LastAttempt = AttemptStatus is { } status ? new LastAttempt(Time(_attempt), new AttemptStatus(status)) : null,
        SentCount = SentCount,
    };

    /// <summary>Every field the same (strings by value): what a rescan compares to share the shown snapshot's arrays.</summary>
    public bool Equals(CompactFreshness other) =>
        _newest == other._newest && _oldest == other._oldest && _attempt == other._attempt && _sentCount == other._sentCount
        && (ReferenceEquals(_label, other._label) || Equals(_label, other._label));

    public override bool Equals(object? obj) => obj is CompactFreshness other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_label, _newest, _attempt);

    public static bool operator ==(CompactFreshness left, CompactFreshness right) => left.Equals(right);

    public static bool operator !=(CompactFreshness left, CompactFreshness right) => !left.Equals(right);

    private static long Ticks(DateTimeOffset? time) => time?.UtcTicks ?? 0;

    private static DateTimeOffset? Time(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <summary>Whole seconds since 1970 in 32 bits (to 2106), 0 for none; false for a time that does not fit.</summary>
    private static bool TryPackSeconds(DateTimeOffset? time, out uint seconds)
    {
        seconds = 0;
        if (time is not { } t)
        {
            return true;
        }

        var ticks = t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        if (ticks <= 0 || ticks % TimeSpan.TicksPerSecond != 0 || ticks / TimeSpan.TicksPerSecond > uint.MaxValue)
        {
            return false;
        }

        seconds = (uint)(ticks / TimeSpan.TicksPerSecond);
        return true;
    }
}
