using Dashboard.Diagnosis;
using Dashboard.Web.Components.Timeline;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Components.Timeline;

/// <summary>Pulls and diagnoses built directly, with times relative to a fixed morning.</summary>
internal static class TimelineFixtures
{
    /// <summary>2026-03-04 10:00:00 UTC.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    /// <summary>2026-03-04 00:00:00 UTC.</summary>
    public static readonly DateTimeOffset Midnight = new(2026, 3, 4, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int minutes, int seconds = 0) => T0.AddMinutes(minutes).AddSeconds(seconds);

    public static TimelineEntry Entry(
        string provider,
        string resource,
        string status,
        DateTimeOffset? scheduled = null,
        DateTimeOffset? started = null,
        DateTimeOffset? ended = null,
        DateTimeOffset? rangeStart = null,
        DateTimeOffset? rangeEnd = null,
        int daysWithData = 0)
    {
        var pull = Resource(resource, status, scheduled, started, ended, rangeStart, rangeEnd, daysWithData);
        return TimelineEntry.From(Provider(provider, pull), pull) with
        {
            ProviderDisplayName = provider,
            ResourceDisplayName = resource,
        };
    }

    public static ResourceDiagnosis Resource(
        string resource,
        string status,
        DateTimeOffset? scheduled = null,
        DateTimeOffset? started = null,
        DateTimeOffset? ended = null,
        DateTimeOffset? rangeStart = null,
        DateTimeOffset? rangeEnd = null,
        int daysWithData = 0) => new()
        {
            Resource = resource,
            Status = new PullStatus(status),
            ScheduledAt = scheduled,
            StartedAt = started,
            EndedAt = ended,
            RangeStart = rangeStart,
            RangeEnd = rangeEnd,
            DaysWithData = daysWithData,
        };

    public static ProviderDiagnosis Provider(string provider, params ResourceDiagnosis[] resources) => new()
    {
        Provider = provider,
        WorstStatus = StatusRanker.Worst(resources.Where(r => r.Status is not null).Select(r => r.Status!.Value)),
        Resources = [.. resources.OrderBy(r => r.Resource, StringComparer.Ordinal)],
        NotPulled = [],
    };

    public static UserDiagnosis User(DateTimeOffset asOf, params ProviderDiagnosis[] providers) => new()
    {
        UserId = "7aec8422-8174-4464-a4b2-b04c5939be0d",
        AsOf = asOf,
        Overall = Severity.Ok,
        Headline = "test",
        Providers = [.. providers.OrderBy(p => p.Provider, StringComparer.Ordinal)],
        Findings = [],
    };

    /// <summary>
    /// Oura sleep: scheduled 10:00, started 10:01, ended 10:05, range 180 days with 171 of data. Oura workouts: failed,
    /// 10:00 / 10:02 / 10:10. Fitbit activity: still scheduled since 10:03. As of 10:20.
    /// </summary>
    public static UserDiagnosis Typical() => User(
        At(20),
        Provider(
            "oura",
            Resource("sleep", "success", At(0), At(1), At(5), Midnight.AddDays(-180), Midnight, 171),
            Resource("workouts", "failure", At(0), At(2), At(10), Midnight.AddDays(-90), Midnight, 12)),
        Provider("fitbit", Resource("activity", "scheduled", At(3))));
}
