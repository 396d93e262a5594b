using System.Runtime.InteropServices;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// One resource's ongoing data as the team snapshot keeps it (from the resources introspection): pooled strings,
/// times as UTC ticks (0 = none), and whether it counted as stale when the scan read it.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct CompactFreshness
{
    private readonly long _newest;
    private readonly long _oldest;
    private readonly long _attempt;

    internal CompactFreshness(string provider, string resource, ResourceFreshness freshness, bool stale, StringPool pool)
    {
        Provider = provider;
        Resource = resource;
        _newest = Ticks(freshness.NewestData);
        _oldest = Ticks(freshness.OldestData);
        _attempt = Ticks(freshness.LastAttempt?.Timestamp);
        AttemptStatus = freshness.LastAttempt is { } attempt ? pool.Intern(attempt.Status.Value) : null;
        SentCount = freshness.SentCount;
        Stale = stale;
    }

    public string Provider { get; }

    public string Resource { get; }

    /// <summary>The last attempt's status verbatim; null without an attempt.</summary>
    public string? AttemptStatus { get; }

    public int? SentCount { get; }

    /// <summary>Newest data older than the provider's stale limit when the scan read it.</summary>
    public bool Stale { get; }

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

    private static long Ticks(DateTimeOffset? time) => time?.UtcTicks ?? 0;

    private static DateTimeOffset? Time(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
