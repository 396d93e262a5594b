using Microsoft.Extensions.Time.Testing;
using Vital.Introspection;

namespace Dashboard.Diagnosis.Tests;

/// <summary>Pulls and users written for the tests, around one fixed diagnosis time.</summary>
internal static class TestData
{
    public const string UserId = "7aec8422-8174-4464-a4b2-b04c5939be0d";
    public const string TraceId = "51cc7d2d72e98ed4eb63e2b0864b39e3";
    public const string Release = "0.0.0-dev.cd0e262";

    /// <summary>The time every test diagnoses at, unless it says otherwise.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Midnight UTC of <see cref="AsOf"/>'s day: where test ranges end.</summary>
    public static readonly DateTimeOffset Today = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A healthy pull: success, 171 days of data in a 180-day range, scheduled three hours ago, done in minutes.</summary>
    public static HistoricalPull Healthy() => new()
    {
        Status = PullStatus.Success,
        RangeStart = Today.AddDays(-180),
        RangeEnd = Today,
        DaysWithData = 171,
        Timeline = new PullTimeline
        {
            ScheduledAt = AsOf.AddHours(-3),
            StartedAt = AsOf.AddHours(-3).AddSeconds(3),
            EndedAt = AsOf.AddHours(-3).AddMinutes(2),
        },
        Release = Release,
        TraceId = TraceId,
    };

    public static HistoricalPull Failed(string? errorDetails = null, string status = "failure") => Healthy() with
    {
        Status = new PullStatus(status),
        DaysWithData = 0,
        ErrorDetails = errorDetails is null ? null : new PullErrorDetails(errorDetails),
    };

    /// <summary>Retrying since <paramref name="startedAgo"/> (default one hour), not ended.</summary>
    public static HistoricalPull Retrying(string? errorDetails = null, TimeSpan? startedAgo = null) => Healthy() with
    {
        Status = PullStatus.Retrying,
        DaysWithData = 0,
        ErrorDetails = errorDetails is null ? null : new PullErrorDetails(errorDetails),
        Timeline = new PullTimeline
        {
            ScheduledAt = AsOf - (startedAgo ?? TimeSpan.FromHours(1)) - TimeSpan.FromSeconds(3),
            StartedAt = AsOf - (startedAgo ?? TimeSpan.FromHours(1)),
        },
    };

    /// <summary>Scheduled <paramref name="ago"/> before <see cref="AsOf"/>, no range yet, no trace id (as Vital sends them).</summary>
    public static HistoricalPull Scheduled(TimeSpan ago) => new()
    {
        Status = PullStatus.Scheduled,
        Timeline = new PullTimeline { ScheduledAt = AsOf - ago },
        Release = Release,
    };

    /// <summary>In progress: started <paramref name="ago"/> before <see cref="AsOf"/>, scheduled a few seconds earlier.</summary>
    public static HistoricalPull InProgress(TimeSpan ago) => Healthy() with
    {
        Status = PullStatus.InProgress,
        DaysWithData = 12,
        Timeline = new PullTimeline { ScheduledAt = AsOf - ago - TimeSpan.FromSeconds(3), StartedAt = AsOf - ago },
    };

    /// <summary>A success with <paramref name="daysWithData"/> days in a range of exactly <paramref name="rangeDays"/> days.</summary>
    public static HistoricalPull Success(int daysWithData, int rangeDays = 180) => Healthy() with
    {
        RangeStart = Today.AddDays(-rangeDays),
        RangeEnd = Today,
        DaysWithData = daysWithData,
    };

    /// <summary>A success that ended <paramref name="endedAgo"/> before <see cref="AsOf"/>.</summary>
    public static HistoricalPull SuccessEnded(int daysWithData, TimeSpan endedAgo, int rangeDays = 90) => Success(daysWithData, rangeDays) with
    {
        Timeline = new PullTimeline
        {
            ScheduledAt = AsOf - endedAgo - TimeSpan.FromMinutes(5),
            StartedAt = AsOf - endedAgo - TimeSpan.FromMinutes(4),
            EndedAt = AsOf - endedAgo,
        },
    };

    public static HistoricalPull WithTimeline(
        this HistoricalPull pull, DateTimeOffset? scheduledAt, DateTimeOffset? startedAt, DateTimeOffset? endedAt) =>
        pull with { Timeline = new PullTimeline { ScheduledAt = scheduledAt, StartedAt = startedAt, EndedAt = endedAt } };

    public static UserBuilder User(string userId = UserId) => new(userId);

    /// <summary>One user with one pull.</summary>
    public static UserHistoricalPulls One(HistoricalPull pull, string provider = "oura", string resource = "sleep") =>
        User().Pulled(provider, resource, pull).Build();

    public static DiagnosisEngine Engine(DiagnosisOptions? options = null) =>
        new(options ?? new DiagnosisOptions(), new FakeTimeProvider(AsOf));

    public static UserDiagnosis Diagnose(UserHistoricalPulls pulls, DiagnosisOptions? options = null) =>
        Engine(options).Diagnose(pulls, AsOf);

    public static UserDiagnosis Diagnose(HistoricalPull pull, string provider = "oura", string resource = "sleep", DiagnosisOptions? options = null) =>
        Diagnose(One(pull, provider, resource), options);

    /// <summary>The single finding of a code; fails when there is none or more than one.</summary>
    public static Finding Single(this UserDiagnosis diagnosis, string code) => Assert.Single(diagnosis.Findings, f => f.Code == code);

    public static string[] Codes(this UserDiagnosis diagnosis) => [.. diagnosis.Findings.Select(f => f.Code)];
}

/// <summary>Builds a <see cref="UserHistoricalPulls"/> in whatever order a test needs; providers keep insertion order.</summary>
internal sealed class UserBuilder(string userId)
{
    private readonly Dictionary<ProviderSlug, (Dictionary<ResourceName, HistoricalPull> Pulled, List<ResourceName> NotPulled)> _providers = [];

    public UserBuilder Pulled(string provider, string resource, HistoricalPull pull)
    {
        Provider(provider).Pulled[new ResourceName(resource)] = pull;
        return this;
    }

    public UserBuilder NotPulled(string provider, params string[] resources)
    {
        Provider(provider).NotPulled.AddRange(resources.Select(r => new ResourceName(r)));
        return this;
    }

    /// <summary>A provider with nothing pulled and nothing listed as not pulled.</summary>
    public UserBuilder Empty(string provider)
    {
        Provider(provider);
        return this;
    }

    public UserHistoricalPulls Build() => new()
    {
        UserId = userId,
        Providers = _providers.ToDictionary(
            p => p.Key,
            p => new ProviderPulls { Pulled = p.Value.Pulled, NotPulled = p.Value.NotPulled }),
    };

    private (Dictionary<ResourceName, HistoricalPull> Pulled, List<ResourceName> NotPulled) Provider(string provider)
    {
        var slug = new ProviderSlug(provider);
        if (!_providers.TryGetValue(slug, out var entry))
        {
            entry = ([], []);
            _providers[slug] = entry;
        }

        return entry;
    }
}
